package dev.imgcls.train.provenance;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobListOption;
import dev.imgcls.io.GcsClients;
import dev.imgcls.io.GcsPath;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The fingerprints of {@code gs://} objects from the metadata Cloud Storage keeps for each one
 * (size, CRC32C, MD5 for objects uploaded whole, generation): nothing is downloaded. Objects are
 * looked up by listing the folder they are in, one request per thousand objects, so the 1,024
 * shards of ImageNet cost two requests rather than 1,024.
 */
final class GcsObjectMetadata {
    private final Supplier<Storage> storage;

    /** @param storage made on first use, so jobs without {@code gs://} inputs never look for credentials */
    GcsObjectMetadata(Supplier<Storage> storage) {
        this.storage = storage;
    }

    /** With the client configured from the environment, as the file system's. */
    static GcsObjectMetadata fromEnvironment() {
        return new GcsObjectMetadata(GcsClients::fromEnvironment);
    }

    /** The fingerprint of each path, in the order given; a missing object or a failed request gives one with its error. */
    Map<String, ShardFingerprint> fingerprints(List<String> paths) {
        Map<String, ShardFingerprint> result = new LinkedHashMap<>();
        Map<String, Map<String, BlobInfo>> folders = new HashMap<>();
        Storage client = null;
        for (String path : paths) {
            try {
                if (client == null) {
                    client = storage.get();
                }
                GcsPath p = GcsPath.parse(path);
                String folder = p.object().substring(0, p.object().lastIndexOf('/') + 1);
                Map<String, BlobInfo> listed = folders.get(p.bucket() + "/" + folder);
                if (listed == null) {
                    listed = list(client, p.bucket(), folder);
                    folders.put(p.bucket() + "/" + folder, listed);
                }
                BlobInfo blob = listed.get(p.object());
                if (blob == null) {
                    blob = client.get(BlobId.of(p.bucket(), p.object())); // written after the listing
                }
                result.put(path, blob == null ? new ShardFingerprint(path, -1, null, null, null, null, "no such object")
                        : of(path, blob));
            } catch (RuntimeException e) {
                result.put(path, new ShardFingerprint(path, -1, null, null, null, null, "metadata not readable: " + e.getMessage()));
            }
        }
        return result;
    }

    /** A fingerprint from an object's metadata. */
    static ShardFingerprint of(String path, BlobInfo blob) {
        return of(path, blob.getSize(), blob.getCrc32c(), blob.getMd5(), blob.getGeneration());
    }

    /** @param size, crc32c, md5, generation as the metadata gives them, null where absent */
    static ShardFingerprint of(String path, Long size, String crc32c, String md5, Long generation) {
        return new ShardFingerprint(path, size == null ? -1 : size, null, crc32c, md5, generation,
                crc32c == null ? "Cloud Storage gave no CRC32C" : null);
    }

    private static Map<String, BlobInfo> list(Storage client, String bucket, String folder) {
        Map<String, BlobInfo> blobs = new HashMap<>();
        for (Blob blob : client.list(bucket, BlobListOption.prefix(folder), BlobListOption.currentDirectory()).iterateAll()) {
            blobs.put(blob.getName(), blob);
        }
        return blobs;
    }
}
