package dev.imgcls.export.checkpoint;

/**
 * File names of a tensor bundle with prefix {@code P} (tensorflow/core/util/tensor_bundle/naming.cc):
 * {@code P.index} and {@code P.data-SSSSS-of-NNNNN}.
 */
public final class BundleNames {

    public static final String INDEX_SUFFIX = ".index";

    private BundleNames() {}

    public static String indexFile(String prefix) {
        return prefix + INDEX_SUFFIX;
    }

    public static String dataFile(String prefix, int shard, int numShards) {
        return String.format("%s.data-%05d-of-%05d", prefix, shard, numShards);
    }

    /** True for the name of any file of the bundle {@code prefix} ({@code P.index}, {@code P.data-*}, {@code P.meta}). */
    public static boolean belongsTo(String fileName, String prefixName) {
        if (!fileName.startsWith(prefixName + ".")) {
            return false;
        }
        String suffix = fileName.substring(prefixName.length());
        return suffix.equals(INDEX_SUFFIX) || suffix.equals(".meta") || suffix.matches("\\.data-\\d{5}-of-\\d{5}");
    }
}
