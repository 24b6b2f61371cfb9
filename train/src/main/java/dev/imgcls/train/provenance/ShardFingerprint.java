package dev.imgcls.train.provenance;

/**
 * One input file as the job used it: its path, size and content hash. The hash is CRC32C in
 * Cloud Storage's spelling (base64 of the 4 big-endian bytes, as {@code gsutil hash -c} and the
 * object metadata show it), so a local copy can be checked against its {@code gs://} original;
 * objects stored whole on GCS also carry their MD5.
 *
 * @param modifiedMillis the local file's modification time, which with the size keys the cached
 *        hash on resume; null for {@code gs://} objects
 * @param crc32c null while the hash is still being computed (or could not be)
 * @param md5 base64 MD5 from GCS metadata, or null (local files, composite objects)
 * @param generation the GCS object generation, or null for local files
 * @param error why no hash could be had, or null
 */
public record ShardFingerprint(String path, long size, Long modifiedMillis, String crc32c, String md5, Long generation, String error) {

    /** A local file not hashed yet. */
    static ShardFingerprint pending(String path, long size, long modifiedMillis) {
        return new ShardFingerprint(path, size, modifiedMillis, null, null, null, null);
    }

    /** Known, or failed: nothing more will come. */
    boolean settled() {
        return crc32c != null || error != null;
    }

    ShardFingerprint withCrc32c(String hash) {
        return new ShardFingerprint(path, size, modifiedMillis, hash, md5, generation, null);
    }

    ShardFingerprint withError(String message) {
        return new ShardFingerprint(path, size, modifiedMillis, null, md5, generation, message);
    }

    /** Whether a hash recorded for {@code cached} holds for this file: same path, size and modification time. */
    boolean sameFileAs(ShardFingerprint cached) {
        return path.equals(cached.path) && size == cached.size && modifiedMillis != null && modifiedMillis.equals(cached.modifiedMillis);
    }
}
