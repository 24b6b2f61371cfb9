package dev.imgcls.data.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileSharesTest {
    private static List<String> files(int n) {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            files.add(String.format("train-%05d-of-%05d", i, n));
        }
        return files;
    }

    @Test
    void everyFileBelongsToExactlyOneRank() {
        List<String> files = files(10);
        for (int ranks = 1; ranks <= 4; ranks++) {
            List<String> all = new ArrayList<>();
            for (int r = 0; r < ranks; r++) {
                List<String> share = FileShares.share(files, 7, r, ranks);
                assertTrue(share.size() == 10 / ranks || share.size() == 10 / ranks + 1, ranks + " ranks: " + share);
                all.addAll(share);
            }
            assertEquals(files.size(), all.size(), ranks + " ranks: no file twice");
            assertEquals(new TreeSet<>(files), new TreeSet<>(all), ranks + " ranks: every file once");
        }
    }

    @Test
    void theSharesFollowTheSeedAndRepeat() {
        List<String> files = files(12);
        assertEquals(FileShares.share(files, 7, 1, 3), FileShares.share(files, 7, 1, 3));
        assertNotEquals(FileShares.share(files, 7, 1, 3), FileShares.share(files, 8, 1, 3), "another seed deals otherwise");
        assertNotEquals(FileShares.seedOfShare(7, 0), FileShares.seedOfShare(7, 1));
    }

    @Test
    void fewerFilesThanRanksIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FileShares.share(files(2), 7, 0, 3));
        assertTrue(e.getMessage().contains("each of 3 ranks") && e.getMessage().contains("only 2 files"), e.getMessage());
    }
}
