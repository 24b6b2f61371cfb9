package dev.imgcls.kernels.cuda;

/**
 * One loadable code image of a fatbin: SASS (an ELF cubin, runs as is) or PTX (compiled by the
 * driver's JIT), for architecture {@code arch} = 10 * major + minor (80 = sm_80, 100 = sm_100).
 * {@code versionMajor.versionMinor} is the PTX ISA version of a PTX image (9.0 from nvcc 13.0) and
 * the ELF code version of a SASS image.
 */
record KernelImage(Kind kind, int arch, Variant variant, int versionMajor, int versionMinor) {
    enum Kind {
        SASS, PTX
    }

    /** Generic code, or code for one family ({@code sm_100f}) or one architecture ({@code sm_90a}); least specific first. */
    enum Variant {
        GENERIC(""), FAMILY_SPECIFIC("f"), ARCH_SPECIFIC("a");

        final String suffix;

        Variant(String suffix) {
            this.suffix = suffix;
        }
    }

    int major() {
        return arch / 10;
    }

    int minor() {
        return arch % 10;
    }

    /** "sm_90 SASS", "sm_90a SASS" or "PTX compute_100 (ISA 9.0)". */
    String label() {
        return kind == Kind.SASS ? "sm_" + arch + variant.suffix + " SASS"
                : "PTX compute_" + arch + variant.suffix + " (ISA " + versionMajor + "." + versionMinor + ")";
    }
}
