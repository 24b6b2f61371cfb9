package dev.imgcls.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Our cuDNN JNI binding loads on any linux-x86_64 machine (cuDNN is dlopen'ed, not linked) and
 * says precisely what is missing: cuDNN itself, or entry points. Needs no GPU.
 */
class CudnnBindingTest {
    /** True when libimgcls_cuda.so loaded (and so open() can be called), whatever became of cuDNN. */
    private static boolean bindingLoaded(String reason) {
        return reason == null || reason.startsWith("cuDNN");
    }

    @Test
    void loadingNamesLibcudnnAndHowToInstallItOrFindsCudnn9() {
        String reason = Cudnn.load();
        System.out.println("[CudnnBindingTest] " + (reason == null ? "cuDNN " + Cudnn.version() : reason));
        assumeTrue(bindingLoaded(reason), "the binding itself is not usable here: " + reason);
        if (reason == null) {
            assertTrue(Cudnn.version().startsWith("9."), Cudnn.version());
        } else {
            assertTrue(reason.contains("libcudnn.so.9"), reason);
            assertTrue(reason.contains("install cuDNN 9"), reason);
            for (String fix : List.of("libcudnn9-cuda-13", "libcudnn9-cuda-12", "nvidia-cudnn-cu13", "nvidia-cudnn-cu12")) {
                assertTrue(reason.contains(fix), fix + " in " + reason);
            }
        }
    }

    @Test
    void aLibraryWithoutTheEntryPointsIsRejectedWithTheirNames() {
        String reason = Cudnn.load();
        assumeTrue(reason != null && bindingLoaded(reason), "needs the binding loaded and cuDNN absent, got: " + reason);
        String problem = Cudnn.open("libc.so.6");
        assertTrue(problem != null && problem.startsWith("lacks the cuDNN entry points:"), problem);
        assertTrue(problem.contains(" cudnnCreate ") && problem.contains(" cudnnConvolutionBackwardFilter "), problem);
        // Nothing was kept: calls still refuse to run.
        IllegalStateException e = assertThrows(IllegalStateException.class, Cudnn::create);
        assertTrue(e.getMessage().contains("not loaded"), e.getMessage());
    }

    @Test
    void theBindingResolvesEachCallItWraps() {
        String reason = Cudnn.load();
        assumeTrue(bindingLoaded(reason), "the binding itself is not usable here: " + reason);
        List<String> names = Arrays.asList(Cudnn.symbolNames());
        assertEquals(34, names.size(), names.toString());
        assertTrue(names.stream().allMatch(n -> n.startsWith("cudnn")), names.toString());
        for (String call : List.of("cudnnGetVersion", "cudnnSetStream", "cudnnSetConvolutionGroupCount", "cudnnSetConvolutionMathType",
                "cudnnGetConvolutionForwardAlgorithm_v7", "cudnnBatchNormalizationBackward", "cudnnPoolingBackward")) {
            assertTrue(names.contains(call), call);
        }
    }

    @Test
    void versionNumbersDecode() {
        assertEquals("9.5.1", Cudnn.versionString(90501));
        assertEquals("9.10.0", Cudnn.versionString(91000));
    }
}
