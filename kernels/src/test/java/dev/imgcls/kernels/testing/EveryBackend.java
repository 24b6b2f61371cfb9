package dev.imgcls.kernels.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An op-suite case, run once per {@link BackendsUnderTest backend under test}; the method takes
 * the {@link BackendUnderTest} and compares it with the reference through {@link OpCheck}.
 * Tagged {@value #TAG}, so {@code kernels-cuda} can run these cases and not the host-only ones.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "[{0}]")
@MethodSource("dev.imgcls.kernels.testing.BackendsUnderTest#all")
@Tag(EveryBackend.TAG)
public @interface EveryBackend {
    String TAG = "op-suite";
}
