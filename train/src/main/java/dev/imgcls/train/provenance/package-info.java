/**
 * Provenance: how a checkpoint or an exported model was made. {@link dev.imgcls.train.provenance.ProvenanceRecorder}
 * keeps a JSON record of every run of a job (command line as given, every effective argument,
 * seed, build version and git commit, Java, OS and device, and each input file with its size and
 * CRC32C) in {@code checkpoints/provenance.json} and in every exported SavedModel's
 * {@code assets.extra/provenance.json}; {@code imgcls inspect} prints it
 * ({@link dev.imgcls.train.provenance.ProvenanceSummary}). Tests: {@code ProvenanceTest} (a real
 * job, resumed) and {@code provenance/*Test}.
 */
package dev.imgcls.train.provenance;
