package dev.imgcls.tune.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imgcls.tune.space.Assignment;
import dev.imgcls.tune.spec.ParameterSpec;
import dev.imgcls.tune.spec.ScaleType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GridSearchTest {
    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofCategorical("optimizer_type", List.of("momentum", "adam")),
            ParameterSpec.ofDiscrete("max_steps", List.of(100.0, 200.0, 400.0), ScaleType.NONE),
            ParameterSpec.ofInteger("image_size", 7, 8, ScaleType.UNIT_LOG_SCALE));

    @Test
    void enumeratesEveryCombinationWithTheLastParameterFastest() {
        GridSearch grid = new GridSearch(PARAMS);
        assertEquals(12, grid.size());
        List<String> expected = new ArrayList<>();
        for (String opt : List.of("momentum", "adam")) {
            for (String steps : List.of("100", "200", "400")) {
                for (String size : List.of("7", "8")) {
                    expected.add("optimizer_type=" + opt + ", max_steps=" + steps + ", image_size=" + size);
                }
            }
        }
        List<String> actual = new ArrayList<>();
        for (int trial = 1; trial <= 12; trial++) {
            actual.add(grid.suggest(trial, List.of(), List.of()).orElseThrow().toString());
        }
        assertEquals(expected, actual);
        assertEquals(12, new HashSet<>(actual).size());
    }

    @Test
    void aStudyWithFewerTrialsGetsAPrefixAndOneWithMoreRunsOut() {
        GridSearch grid = new GridSearch(PARAMS);
        Assignment fifth = grid.suggest(5, List.of(), List.of()).orElseThrow();
        assertEquals("momentum", fifth.category("optimizer_type"));
        assertEquals(400, fifth.number("max_steps"));
        assertEquals(7, fifth.number("image_size"));
        assertEquals(Optional.empty(), grid.suggest(13, List.of(), List.of()));
    }

    @Test
    void hugeIntegerRangesDoNotOverflowTheSize() {
        GridSearch grid = new GridSearch(List.of(
                ParameterSpec.ofInteger("max_steps", 1, 4_000_000_000L, ScaleType.NONE),
                ParameterSpec.ofInteger("image_size", 1, 4_000_000_000L, ScaleType.NONE),
                ParameterSpec.ofInteger("x", 1, 4_000_000_000L, ScaleType.NONE)));
        assertEquals(Long.MAX_VALUE, grid.size());
        assertEquals(3, grid.suggest(3, List.of(), List.of()).orElseThrow().number("x"));
    }

    @Test
    void refusesDoubles() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GridSearch(List.of(
                ParameterSpec.ofDouble("initial_learning_rate", 0, 1, ScaleType.NONE))));
        assertTrue(e.getMessage().contains("initial_learning_rate"));
    }
}
