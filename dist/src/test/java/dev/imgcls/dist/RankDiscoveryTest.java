package dev.imgcls.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import dev.imgcls.dist.RankDiscovery.Result;
import dev.imgcls.dist.RankDiscovery.Role;
import dev.imgcls.dist.RankDiscovery.Source;
import org.junit.jupiter.api.Test;

class RankDiscoveryTest {
    /**
     * AI Platform Training's documented TF_CONFIG (cloud.google.com/ai-platform/training/docs/
     * distributed-training-details, "Example"): a worker of a hyperparameter tuning job with a chief,
     * two workers and a parameter server, runtime 2.1+. The page elides the "job" object as "...";
     * it is empty here so that the text parses.
     */
    static String aiPlatformTfConfig(String type, int index) {
        return """
                {
                  "cluster": {
                    "chief": [
                      "cmle-training-chief-[ID_STRING_1]-0:2222"
                    ],
                    "ps": [
                      "cmle-training-ps-[ID_STRING_1]-0:2222"
                    ],
                    "worker": [
                      "cmle-training-worker-[ID_STRING_1]-0:2222",
                      "cmle-training-worker-[ID_STRING_1]-1:2222"
                    ]
                  },
                  "environment": "cloud",
                  "job": {},
                  "task": {
                    "cloud": "[ID_STRING_2]",
                    "index": %d,
                    "trial": "1",
                    "type": "%s"
                  }
                }
                """.formatted(index, type);
    }

    /** Runtime versions before 2.1 (and custom containers) name the chief "master" (same page, "chief versus master"). */
    static final String MASTER_TF_CONFIG = """
            {"cluster": {"master": ["cmle-training-master-abc-0:2222"], "worker": ["cmle-training-worker-abc-0:2222"]},
             "environment": "cloud", "task": {"type": "master", "index": 0, "trial": "1"}}
            """;

    /**
     * Vertex AI's CLUSTER_SPEC as its distributed-training page shows it (cloud.google.com/vertex-ai/
     * docs/training/distributed-training, "CLUSTER_SPEC"): one primary replica in workerpool0, workers
     * in workerpool1, parameter servers in workerpool2, evaluators in workerpool3. The search corpus
     * reachable here did not return that example's text, so this is written from the page's schema.
     */
    static String vertexClusterSpec(String type, int index) {
        return """
                {
                   "cluster":{
                      "workerpool0":[
                         "cmle-training-workerpool0-ab-0:2222"
                      ],
                      "workerpool1":[
                         "cmle-training-workerpool1-ab-0:2222",
                         "cmle-training-workerpool1-ab-1:2222"
                      ],
                      "workerpool2":[
                         "cmle-training-workerpool2-ab-0:2222",
                         "cmle-training-workerpool2-ab-1:2222"
                      ],
                      "workerpool3":[
                         "cmle-training-workerpool3-ab-0:2222"
                      ]
                   },
                   "environment":"cloud",
                   "task":{
                      "type":"%s",
                      "index":%d
                   }
                }
                """.formatted(type, index);
    }

    @Test
    void noLauncherMeansOneProcess() {
        Result r = RankDiscovery.discover(Map.of("PATH", "/usr/bin"));
        assertEquals(new Result(Source.SINGLE, Role.TRAIN, 0, 1, -1, null, null), r);
    }

    @Test
    void mpirunVariablesComeFirst() {
        Result r = RankDiscovery.discover(Map.of("OMPI_COMM_WORLD_RANK", "2", "OMPI_COMM_WORLD_SIZE", "4", "OMPI_COMM_WORLD_LOCAL_RANK", "0",
                "TF_CONFIG", aiPlatformTfConfig("worker", 1), "RANK", "3", "WORLD_SIZE", "9"));
        assertEquals(Source.MPIRUN, r.source());
        assertEquals(2, r.rank());
        assertEquals(4, r.size());
        assertEquals(0, r.localRank());
        assertEquals("rank 2 of 4, local rank 0 from mpirun's OMPI_COMM_WORLD_RANK/OMPI_COMM_WORLD_SIZE", r.describe());
    }

    @Test
    void aiPlatformChiefIsRankZeroAndWorkersFollow() {
        Result chief = RankDiscovery.discover(Map.of("TF_CONFIG", aiPlatformTfConfig("chief", 0)));
        assertEquals(new Result(Source.TF_CONFIG, Role.TRAIN, 0, 3, -1, "chief[0]", "cmle-training-chief-[ID_STRING_1]-0:2222"), chief);
        Result w0 = RankDiscovery.discover(Map.of("TF_CONFIG", aiPlatformTfConfig("worker", 0)));
        Result w1 = RankDiscovery.discover(Map.of("TF_CONFIG", aiPlatformTfConfig("worker", 1)));
        assertEquals(1, w0.rank());
        assertEquals(2, w1.rank());
        assertEquals(3, w1.size());
        assertEquals("rank 2 of 3 (worker[1]) from TF_CONFIG", w1.describe());
    }

    @Test
    void parameterServerHasNothingToDo() {
        Result ps = RankDiscovery.discover(Map.of("TF_CONFIG", aiPlatformTfConfig("ps", 0)));
        assertEquals(Role.PARAMETER_SERVER, ps.role());
        assertTrue(ps.nothingToDo());
        assertEquals("parameter server ps[0] from TF_CONFIG: nothing to do (synchronous all-reduce training has no parameter server)",
                ps.describe());
        assertThrows(IllegalArgumentException.class, () -> Collectives.open(ps, Collectives.Options.defaults()));
    }

    @Test
    void evaluatorIsToldApartFromTrainingRanks() {
        // The evaluator is not in "cluster" (the page: evaluators are not part of the training cluster).
        Result ev = RankDiscovery.discover(Map.of("TF_CONFIG", aiPlatformTfConfig("evaluator", 0)));
        assertEquals(Role.EVALUATOR, ev.role());
        assertFalse(ev.nothingToDo());
        assertEquals(3, ev.size());
        assertEquals("evaluator evaluator[0] from TF_CONFIG, beside 3 training ranks", ev.describe());
    }

    @Test
    void masterIsTheChiefOnOlderRuntimes() {
        Result r = RankDiscovery.discover(Map.of("TF_CONFIG", MASTER_TF_CONFIG));
        assertEquals(0, r.rank());
        assertEquals(2, r.size());
        assertEquals("master[0]", r.task());
    }

    @Test
    void workerZeroIsChiefWhenTheClusterHasNoChief() {
        String json = """
                {"cluster": {"worker": ["host1:2222", "host2:2222"]}, "task": {"type": "worker", "index": 1}}""";
        Result r = RankDiscovery.discover(Map.of("TF_CONFIG", json));
        assertEquals(1, r.rank());
        assertEquals(2, r.size());
        assertEquals("host1:2222", r.chiefAddress());
    }

    @Test
    void singleReplicaTfConfigIsOneProcess() {
        String json = """
                {"cluster": {"master": ["cmle-training-master-abc-0:2222"]}, "environment": "cloud", "task": {"type": "master", "index": 0}}""";
        Result r = RankDiscovery.discover(Map.of("TF_CONFIG", json));
        assertEquals(1, r.size());
        assertEquals(0, r.rank());
    }

    @Test
    void vertexWorkerPoolsMapToChiefWorkersPsAndEvaluators() {
        Result primary = RankDiscovery.discover(Map.of("CLUSTER_SPEC", vertexClusterSpec("workerpool0", 0)));
        assertEquals(new Result(Source.CLUSTER_SPEC, Role.TRAIN, 0, 3, -1, "workerpool0[0]", "cmle-training-workerpool0-ab-0:2222"), primary);
        Result worker = RankDiscovery.discover(Map.of("CLUSTER_SPEC", vertexClusterSpec("workerpool1", 1)));
        assertEquals(2, worker.rank());
        assertEquals("rank 2 of 3 (workerpool1[1]) from Vertex AI's CLUSTER_SPEC", worker.describe());
        assertTrue(RankDiscovery.discover(Map.of("CLUSTER_SPEC", vertexClusterSpec("workerpool2", 1))).nothingToDo());
        assertEquals(Role.EVALUATOR, RankDiscovery.discover(Map.of("CLUSTER_SPEC", vertexClusterSpec("workerpool3", 0))).role());
    }

    @Test
    void tfConfigWinsOverClusterSpec() {
        Result r = RankDiscovery.discover(Map.of("TF_CONFIG", aiPlatformTfConfig("worker", 0), "CLUSTER_SPEC", vertexClusterSpec("workerpool1", 1)));
        assertEquals(Source.TF_CONFIG, r.source());
        assertEquals(1, r.rank());
    }

    /** Kubeflow's PyTorchJob sets MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK on every replica (JobSet manifests do the same). */
    @Test
    void pytorchStyleVariables() {
        Result r = RankDiscovery.discover(Map.of("MASTER_ADDR", "pytorch-dist-mnist-master-0", "MASTER_PORT", "23456", "WORLD_SIZE", "3",
                "RANK", "1"));
        assertEquals(new Result(Source.TORCH_ENV, Role.TRAIN, 1, 3, -1, null, "pytorch-dist-mnist-master-0:23456"), r);
        assertEquals("rank 1 of 3 from MASTER_ADDR/MASTER_PORT/WORLD_SIZE/RANK", r.describe());
    }

    @Test
    void malformedInputIsRefusedWithTheVariableNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RankDiscovery.discover(Map.of("TF_CONFIG", "{\"cluster\":")));
        assertTrue(e.getMessage().startsWith("TF_CONFIG is not a JSON object"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RankDiscovery.discover(Map.of("RANK", "x", "WORLD_SIZE", "2")));
        assertTrue(e.getMessage().contains("RANK=x is not an integer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RankDiscovery.discover(Map.of("RANK", "2", "WORLD_SIZE", "2")));
        assertTrue(e.getMessage().contains("rank 2 of 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RankDiscovery.discover(Map.of("TF_CONFIG", aiPlatformTfConfig("worker", 2))));
        assertTrue(e.getMessage().contains("task worker[2] is rank 3 but the cluster lists 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RankDiscovery.discover(Map.of("TF_CONFIG", aiPlatformTfConfig("reducer", 0))));
        assertTrue(e.getMessage().contains("task type \"reducer\""), e.getMessage());
    }
}
