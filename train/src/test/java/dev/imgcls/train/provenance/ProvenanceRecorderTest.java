package dev.imgcls.train.provenance;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imgcls.io.FileSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The record's cache of hashes, its handling of damaged files, gs:// metadata and the inspect summary. */
class ProvenanceRecorderTest {
    private static final BuildInfo BUILD = new BuildInfo("9.9.9", "0123456789abcdef0123456789abcdef01234567", "false");
    private static final GcsObjectMetadata NO_GCS = new GcsObjectMetadata(() -> {
        throw new AssertionError("no gs:// inputs here");
    });

    @TempDir
    Path tmp;

    @Test
    void crc32cIsSpelledAsCloudStorageDoes() {
        // The CRC-32C check value of "123456789" is 0xE3069283 (RFC 3720, B.4).
        assertEquals("4waSgw==", ShardHasher.gcsSpelling(0xE3069283L));
    }

    @Test
    void aResumedJobReusesTheHashesOfUnchangedFilesAndRehashesChangedOnes() throws IOException {
        Path a = Files.writeString(tmp.resolve("train-0"), "123456789");
        Path b = Files.writeString(tmp.resolve("train-1"), "123456789");
        Path checkpoints = tmp.resolve("checkpoints");
        ProvenanceRecorder first = start(facts(0, List.of(a.toString(), b.toString()), List.of(a.toString())), checkpoints);
        first.awaitHashes(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        first.checkpointSaved(3);
        first.close();
        JsonObject written = read(checkpoints.resolve(ProvenanceRecorder.FILE));
        assertEquals("4waSgw==", shard(written, 0, "training", 0).get("crc32c").getAsString());

        // A planted hash for an unchanged file shows that it is taken from the record, not recomputed;
        // b is rewritten with another modification time, so its recorded hash no longer holds.
        String text = Files.readString(checkpoints.resolve(ProvenanceRecorder.FILE)).replace("\"4waSgw==\"", "\"planted=\"");
        Files.writeString(checkpoints.resolve(ProvenanceRecorder.FILE), text);
        Files.writeString(b, "abc");
        Files.setLastModifiedTime(b, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        ProvenanceRecorder second = start(facts(3, List.of(a.toString(), b.toString()), List.of(a.toString())), checkpoints);
        second.awaitHashes(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        second.checkpointSaved(6);
        second.close();
        JsonObject again = read(checkpoints.resolve(ProvenanceRecorder.FILE));
        assertEquals(2, again.getAsJsonArray("runs").size());
        assertEquals("planted=", shard(again, 1, "training", 0).get("crc32c").getAsString());
        assertEquals("planted=", shard(again, 1, "validation", 0).get("crc32c").getAsString());
        assertEquals(ShardHasher.gcsSpelling(crc32c("abc")), shard(again, 1, "training", 1).get("crc32c").getAsString());
        assertEquals(3, shard(again, 1, "training", 1).get("size").getAsLong());
    }

    @Test
    void filesNotHashedYetAreMarkedPendingAndUnreadableOnesSaySo() throws IOException {
        Path checkpoints = tmp.resolve("checkpoints");
        String missing = tmp.resolve("gone").toString();
        ProvenanceRecorder recorder = start(facts(0, List.of(missing), List.of()), checkpoints);
        recorder.checkpointSaved(1);
        JsonObject shard = shard(read(checkpoints.resolve(ProvenanceRecorder.FILE)), 0, "training", 0);
        assertTrue(shard.get("error").getAsString().startsWith("not readable"), shard.toString());
        assertTrue(shard.get("crc32c").isJsonNull());

        JsonObject pending = ProvenanceJson.shard(ShardFingerprint.pending("/data/train-0", 10, 0));
        assertTrue(pending.get("status").getAsString().startsWith("pending"), pending.toString());
        assertTrue(pending.get("crc32c").isJsonNull());
    }

    @Test
    void aDamagedRecordIsReportedAndReplaced() throws IOException {
        Path checkpoints = Files.createDirectories(tmp.resolve("checkpoints"));
        Files.writeString(checkpoints.resolve(ProvenanceRecorder.FILE), "{\"format_version\": 1, \"runs\": [");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProvenanceRecorder recorder = ProvenanceRecorder.start(facts(0, List.of(), List.of()), checkpoints.toString(), FileSystems.defaults(),
                NO_GCS, BUILD, new PrintStream(out, true, StandardCharsets.UTF_8));
        recorder.checkpointSaved(1);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("is damaged"), out.toString(StandardCharsets.UTF_8));
        assertEquals(1, read(checkpoints.resolve(ProvenanceRecorder.FILE)).getAsJsonArray("runs").size());
        try (var list = Files.list(checkpoints)) {
            assertEquals(List.of(ProvenanceRecorder.FILE), list.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }
    }

    @Test
    void unreadableCacheEntriesAreHashedAgain() throws IOException {
        Path a = Files.writeString(tmp.resolve("train-0"), "123456789");
        Path checkpoints = Files.createDirectories(tmp.resolve("checkpoints"));
        Files.writeString(checkpoints.resolve(ProvenanceRecorder.FILE), "{\"format_version\": 1, \"seed\": 1, \"runs\": [{\"input\": "
                + "{\"training\": [{\"path\": \"" + a + "\", \"crc32c\": \"planted=\", \"modified\": \"yesterday\"}], \"validation\": 3}}]}");
        ProvenanceRecorder recorder = start(facts(1, List.of(a.toString()), List.of()), checkpoints);
        recorder.awaitHashes(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        recorder.checkpointSaved(2);
        JsonObject doc = read(checkpoints.resolve(ProvenanceRecorder.FILE));
        assertEquals(2, doc.getAsJsonArray("runs").size(), "the earlier run is kept as written");
        assertEquals("4waSgw==", shard(doc, 1, "training", 0).get("crc32c").getAsString());
    }

    @Test
    void cloudStorageObjectsTakeTheirStoredHashes() {
        ShardFingerprint f = GcsObjectMetadata.of("gs://b/data/train-0", 1234L, "4waSgw==", "XrY7u+Ae7tCTyyK7j1rNww==", 17L);
        assertEquals(new ShardFingerprint("gs://b/data/train-0", 1234, null, "4waSgw==", "XrY7u+Ae7tCTyyK7j1rNww==", 17L, null), f);
        BlobInfo blob = BlobInfo.newBuilder(BlobId.of("b", "data/train-0", 17L)).setCrc32c("4waSgw==").setMd5("XrY7u+Ae7tCTyyK7j1rNww==")
                .build();
        assertEquals(new ShardFingerprint("gs://b/data/train-0", -1, null, "4waSgw==", "XrY7u+Ae7tCTyyK7j1rNww==", 17L, null),
                GcsObjectMetadata.of("gs://b/data/train-0", blob));
        assertTrue(GcsObjectMetadata.of("gs://b/x", null, null, null, null).error().contains("no CRC32C"));
        JsonObject json = ProvenanceJson.shard(f);
        assertEquals("XrY7u+Ae7tCTyyK7j1rNww==", json.get("md5").getAsString());
        assertFalse(json.has("modified") || json.has("status"), json.toString());

        GcsObjectMetadata unreachable = new GcsObjectMetadata(() -> {
            throw new IllegalStateException("no credentials");
        });
        ShardFingerprint failed = unreachable.fingerprints(List.of("gs://b/data/train-0")).get("gs://b/data/train-0");
        assertNull(failed.crc32c());
        assertTrue(failed.error().contains("no credentials"), failed.error());
    }

    @Test
    void theExportCopySaysItsStepAndTheSummaryIsShort() throws IOException {
        Path a = Files.writeString(tmp.resolve("train-0"), "123456789");
        ProvenanceRecorder recorder = start(new RunFacts(Instant.parse("2026-12-07T10:00:00Z"), List.of("--seed=5", "--max_steps", "9"),
                List.of("--max_steps=9", "--seed=5"), 5, 0, "device: CPU (--device=cpu)", "cpu", 2, List.of(a.toString()),
                List.of(a.toString())), tmp.resolve("checkpoints"));
        recorder.awaitHashes(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String json = recorder.exportAssets(7).get(ProvenanceRecorder.FILE);
        recorder.close();
        assertEquals(7, JsonParser.parseString(json).getAsJsonObject().get("exported_at_step").getAsLong());
        String summary = ProvenanceSummary.of("model/assets.extra/provenance.json", json);
        assertEquals("""
                provenance (model/assets.extra/provenance.json):
                  seed 5, model exported at step 7, 1 run
                  run 1: started 2026-12-07T10:00:00Z at step 0, checkpoints []; imgcls 9.9.9 (commit \
                0123456789abcdef0123456789abcdef01234567), Java %s, cpu
                    command line: --seed=5 --max_steps 9
                    input: 1 training file (0.0 MB, all hashed), 1 validation file (0.0 MB, all hashed)
                """.formatted(System.getProperty("java.version")), summary);
        assertTrue(ProvenanceSummary.of("x", "{").contains("not readable"));
    }

    private ProvenanceRecorder start(RunFacts facts, Path checkpoints) throws IOException {
        return ProvenanceRecorder.start(facts, checkpoints.toString(), FileSystems.defaults(), NO_GCS, BUILD,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static RunFacts facts(long startStep, List<String> training, List<String> validation) {
        return new RunFacts(Instant.now(), List.of("--seed=1"), List.of("--seed=1"), 1, startStep, "device: CPU", "cpu", 1, training,
                validation);
    }

    private static JsonObject read(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    private static JsonObject shard(JsonObject doc, int run, String set, int index) {
        JsonArray shards = doc.getAsJsonArray("runs").get(run).getAsJsonObject().getAsJsonObject("input").getAsJsonArray(set);
        return shards.get(index).getAsJsonObject();
    }

    private static long crc32c(String text) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
