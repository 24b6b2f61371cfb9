package dev.imgcls.io;

/** A {@code gs://bucket/object} path split into its bucket and object name ({@code ""} for the bucket root). */
public record GcsPath(String bucket, String object) {

    public static final String SCHEME = "gs://";

    public static boolean isGcs(String path) {
        return path.startsWith(SCHEME);
    }

    public static GcsPath parse(String path) {
        if (!isGcs(path)) {
            throw new IllegalArgumentException("not a Cloud Storage path (gs://bucket/object): " + path);
        }
        String rest = path.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("Cloud Storage path without a bucket name: " + path);
        }
        if (GlobPattern.hasWildcards(bucket)) {
            throw new IllegalArgumentException("the bucket name cannot contain wildcards (only object names can): " + path);
        }
        return new GcsPath(bucket, slash < 0 ? "" : rest.substring(slash + 1));
    }

    /** The path of an object of the same bucket. */
    public String withObject(String name) {
        return SCHEME + bucket + "/" + name;
    }

    @Override
    public String toString() {
        return withObject(object);
    }
}
