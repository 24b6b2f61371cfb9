package dev.imgcls.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CollectivesTest {
    @Test
    void oneProcessGetsTheNoOpEngine() {
        assertSame(SingleProcess.INSTANCE, Collectives.open(RankDiscovery.discover(Map.of()), Collectives.Options.defaults()));
        // A one-replica TF_CONFIG job needs no engine either.
        assertSame(SingleProcess.INSTANCE, Collectives.open(RankDiscovery.discover(Map.of("WORLD_SIZE", "1", "RANK", "0")),
                Collectives.Options.defaults()));
    }

    @Test
    void severalRanksWithoutMpirunAreRefusedWithTheWayToLaunch() {
        RankDiscovery.Result r = RankDiscovery.discover(Map.of("MASTER_ADDR", "h0", "MASTER_PORT", "1234", "WORLD_SIZE", "4", "RANK", "3"));
        CollectiveException e = assertThrows(CollectiveException.class, () -> Collectives.open(r, Collectives.Options.defaults()));
        assertTrue(e.getMessage().startsWith("rank 3 of 4 from MASTER_ADDR/MASTER_PORT/WORLD_SIZE/RANK, but ranks meet only through Open MPI"),
                e.getMessage());
        assertTrue(e.getMessage().contains("launch the 4 processes with mpirun"), e.getMessage());
    }

    @Test
    void optionsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Collectives.Options(Duration.ZERO, 10));
        assertThrows(IllegalArgumentException.class, () -> new Collectives.Options(Duration.ofSeconds(1), 0));
        assertEquals(Duration.ofSeconds(600), Collectives.Options.defaults().timeout());
    }
}
