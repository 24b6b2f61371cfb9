package dev.imgcls.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which rank of how many this process is, from the variables its launcher set, tried in this order:
 * mpirun's {@code OMPI_COMM_WORLD_RANK/SIZE}; {@code TF_CONFIG} (AI Platform, Vertex AI); Vertex AI's
 * {@code CLUSTER_SPEC}; {@code MASTER_ADDR/MASTER_PORT/WORLD_SIZE/RANK} (Kubeflow PyTorchJob, JobSet);
 * none of them means one process.
 *
 * <p>In TF_CONFIG the chief ({@code chief}, or {@code master} on AI Platform's older runtimes) is rank
 * 0 and {@code worker[i]} is rank i + 1 (rank i when the cluster has no chief, as TensorFlow's
 * multi-worker strategy reads it). Parameter servers have nothing to do in synchronous all-reduce
 * training; evaluators are told apart so the trainer can evaluate the chief's checkpoints. Vertex AI's
 * CLUSTER_SPEC has the same shape with worker pools: workerpool0 the chief, workerpool1 the workers,
 * workerpool2 parameter servers (or Reduction Server), workerpool3 evaluators.
 */
public final class RankDiscovery {
    private RankDiscovery() {
    }

    /** Where the rank came from. */
    public enum Source {
        SINGLE("no launcher variables"),
        MPIRUN("mpirun's OMPI_COMM_WORLD_RANK/OMPI_COMM_WORLD_SIZE"),
        TF_CONFIG("TF_CONFIG"),
        CLUSTER_SPEC("Vertex AI's CLUSTER_SPEC"),
        TORCH_ENV("MASTER_ADDR/MASTER_PORT/WORLD_SIZE/RANK");

        final String text;

        Source(String text) {
            this.text = text;
        }

        /** The variables, in words, e.g. "mpirun's OMPI_COMM_WORLD_RANK/OMPI_COMM_WORLD_SIZE". */
        public String text() {
            return text;
        }
    }

    /** What this process is for. */
    public enum Role {
        /** One of the ranks of the synchronous job. */
        TRAIN,
        /** A parameter server (or Vertex Reduction Server) task: all-reduce training gives it nothing to do. */
        PARAMETER_SERVER,
        /** An evaluator task: evaluates the chief's checkpoints as they appear, outside the training ranks. */
        EVALUATOR
    }

    /**
     * The outcome. For {@link Role#TRAIN} {@code rank} is in 0 … size − 1; for the other roles it is
     * the task's index within its own type and {@code size} the number of training ranks.
     *
     * @param localRank the rank among this host's processes where the launcher says so, else −1
     * @param task the launcher's name for this task, e.g. "worker[1]"
     * @param chiefAddress host:port of rank 0 where the launcher gives one, else null
     */
    public record Result(Source source, Role role, int rank, int size, int localRank, String task, String chiefAddress) {
        public Result {
            if (size < 1 || (role == Role.TRAIN && (rank < 0 || rank >= size))) {
                throw new IllegalArgumentException("rank " + rank + " of " + size + " from " + source.text);
            }
        }

        /** A task that logs {@link #describe()} and exits 0. */
        public boolean nothingToDo() {
            return role == Role.PARAMETER_SERVER;
        }

        /** The job's start line, e.g. "rank 2 of 3 (worker[1]) from TF_CONFIG". */
        public String describe() {
            return switch (role) {
                case TRAIN -> "rank " + rank + " of " + size + (task == null ? "" : " (" + task + ")")
                        + (localRank >= 0 ? ", local rank " + localRank : "") + " from " + source.text;
                case PARAMETER_SERVER -> "parameter server " + task + " from " + source.text
                        + ": nothing to do (synchronous all-reduce training has no parameter server)";
                case EVALUATOR -> "evaluator " + task + " from " + source.text + ", beside " + size + " training ranks";
            };
        }
    }

    /** The rank of this process from its environment. */
    public static Result discover() {
        return discover(System.getenv());
    }

    public static Result discover(Map<String, String> env) {
        if (present(env, "OMPI_COMM_WORLD_RANK") || present(env, "OMPI_COMM_WORLD_SIZE")) {
            int localRank = present(env, "OMPI_COMM_WORLD_LOCAL_RANK") ? integer(env, "OMPI_COMM_WORLD_LOCAL_RANK") : -1;
            return new Result(Source.MPIRUN, Role.TRAIN, integer(env, "OMPI_COMM_WORLD_RANK"), integer(env, "OMPI_COMM_WORLD_SIZE"),
                    localRank, null, null);
        }
        if (present(env, "TF_CONFIG")) {
            return fromClusterJson(Source.TF_CONFIG, env.get("TF_CONFIG"),
                    List.of("chief", "master"), "worker", "ps", "evaluator");
        }
        if (present(env, "CLUSTER_SPEC")) {
            return fromClusterJson(Source.CLUSTER_SPEC, env.get("CLUSTER_SPEC"),
                    List.of("workerpool0"), "workerpool1", "workerpool2", "workerpool3");
        }
        if (present(env, "WORLD_SIZE") || present(env, "RANK")) {
            int localRank = present(env, "LOCAL_RANK") ? integer(env, "LOCAL_RANK") : -1;
            String chief = present(env, "MASTER_ADDR") ? env.get("MASTER_ADDR") + (present(env, "MASTER_PORT") ? ":" + env.get("MASTER_PORT") : "")
                    : null;
            return new Result(Source.TORCH_ENV, Role.TRAIN, integer(env, "RANK"), integer(env, "WORLD_SIZE"), localRank, null, chief);
        }
        return new Result(Source.SINGLE, Role.TRAIN, 0, 1, -1, null, null);
    }

    private static Result fromClusterJson(Source source, String json, List<String> chiefTypes, String workerType, String psType,
            String evaluatorType) {
        Map<?, ?> root;
        try {
            if (!(Json.parse(json) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            root = m;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source.text + " is not a JSON object (" + e.getMessage() + "): " + json, e);
        }
        Map<?, ?> cluster = root.get("cluster") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> task = root.get("task") instanceof Map<?, ?> m ? m : Map.of();
        // The training ranks' addresses in rank order: the chief first, then the workers.
        List<String> ranks = new ArrayList<>();
        for (String type : chiefTypes) {
            ranks.addAll(addresses(cluster, type, source));
        }
        int chiefs = ranks.size();
        ranks.addAll(addresses(cluster, workerType, source));
        if (chiefs > 1) {
            throw new IllegalArgumentException(source.text + " names " + chiefs + " chief tasks; a job has one: " + json);
        }
        if (!(task.get("type") instanceof String type)) {
            if (ranks.size() > 1) {
                throw new IllegalArgumentException(source.text + " describes a cluster of " + ranks.size() + " but has no task.type: " + json);
            }
            return new Result(Source.SINGLE, Role.TRAIN, 0, 1, -1, null, null);
        }
        int index = task.get("index") instanceof Number i ? i.intValue() : 0;
        String name = type + "[" + index + "]";
        int size = Math.max(1, ranks.size());
        String chiefAddress = ranks.isEmpty() ? null : ranks.get(0);
        if (type.equals(psType)) {
            return new Result(source, Role.PARAMETER_SERVER, index, size, -1, name, chiefAddress);
        }
        if (type.equals(evaluatorType)) {
            return new Result(source, Role.EVALUATOR, index, size, -1, name, chiefAddress);
        }
        int rank;
        if (chiefTypes.contains(type)) {
            rank = index;
        } else if (type.equals(workerType)) {
            rank = chiefs + index;
        } else {
            throw new IllegalArgumentException(source.text + " task type \"" + type + "\" is none of " + chiefTypes + ", " + workerType + ", "
                    + psType + ", " + evaluatorType);
        }
        if (rank >= size) {
            throw new IllegalArgumentException(source.text + " task " + name + " is rank " + rank + " but the cluster lists " + size
                    + " training tasks: " + json);
        }
        return new Result(source, Role.TRAIN, rank, size, -1, name, chiefAddress);
    }

    private static List<String> addresses(Map<?, ?> cluster, String type, Source source) {
        List<String> out = new ArrayList<>();
        Object list = cluster.get(type);
        if (list == null) {
            return out;
        }
        if (!(list instanceof List<?> l)) {
            throw new IllegalArgumentException(source.text + " cluster." + type + " is not a list of addresses");
        }
        l.forEach(e -> out.add(String.valueOf(e)));
        return out;
    }

    private static boolean present(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    private static int integer(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("environment variable " + name + " is not set, but its companions are");
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("environment variable " + name + "=" + v + " is not an integer", e);
        }
    }
}
