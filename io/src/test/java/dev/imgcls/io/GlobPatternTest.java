package dev.imgcls.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobPatternTest {

    private static boolean matches(String glob, String path) {
        return GlobPattern.compile(glob).matcher(path).matches();
    }

    @Test
    void starMatchesAnyRunWithinOneSegment() {
        assertTrue(matches("train*", "train"));
        assertTrue(matches("train*", "train-001-100.tfrec"));
        assertFalse(matches("train*", "train/x"));
        assertFalse(matches("train*", "validation-001"));
        assertTrue(matches("data/*/part-*", "data/a/part-1"));
        assertFalse(matches("data/*", "data/a/part-1"));
        assertTrue(matches("*", ".hidden"), "TensorFlow's fnmatch has no FNM_PERIOD");
    }

    @Test
    void questionMarkIsOneCharacterButNeverASlash() {
        assertTrue(matches("train-0??-100.tfrec", "train-042-100.tfrec"));
        assertFalse(matches("train-0??-100.tfrec", "train-42-100.tfrec"));
        assertFalse(matches("a?b", "a/b"));
    }

    @Test
    void characterClasses() {
        assertTrue(matches("train-00[1-9]-100.tfrec", "train-005-100.tfrec"));
        assertFalse(matches("train-00[1-9]-100.tfrec", "train-000-100.tfrec"));
        assertTrue(matches("x[abc]", "xb"));
        assertFalse(matches("x[abc]", "xd"));
        assertTrue(matches("x[!a]", "xb"));
        assertFalse(matches("x[!a]", "xa"));
        assertTrue(matches("x[^a]", "xb"));
        assertFalse(matches("x[!a]", "x/"), "a negated class still never matches '/'");
        assertFalse(matches("x[!a]y", "x/y"));
        assertTrue(matches("x[]a]", "x]"), "']' first in a class is a member");
        assertTrue(matches("x[a-]", "x-"), "a trailing '-' is literal");
        assertTrue(matches("x[0-9a-f]", "xe"));
    }

    @Test
    void regexMetacharactersAreLiteral() {
        assertTrue(matches("a.b+(c)|d$^{2}", "a.b+(c)|d$^{2}"));
        assertFalse(matches("a.b", "axb"));
        assertTrue(matches("x[.]", "x."));
        assertFalse(matches("x[.]", "xa"));
    }

    @Test
    void backslashEscapes() {
        assertTrue(matches("a\\*b", "a*b"));
        assertFalse(matches("a\\*b", "axb"));
        assertTrue(matches("a\\[1]", "a[1]"));
        assertFalse(GlobPattern.hasWildcards("a\\*b\\?"));
        assertEquals("a*b", GlobPattern.unescape("a\\*b"));
    }

    @Test
    void unclosedBracketIsLiteral() {
        assertTrue(matches("a[b", "a[b"));
        assertTrue(GlobPattern.hasWildcards("a[b"), "treated as a wildcard for listing purposes, harmlessly");
    }

    @Test
    void literalPrefixStopsAtTheFirstWildcard() {
        assertEquals("dir/train-", GlobPattern.literalPrefix("dir/train-*"));
        assertEquals("dir/train-0", GlobPattern.literalPrefix("dir/train-0??-100.tfrec"));
        assertEquals("dir/train-00", GlobPattern.literalPrefix("dir/train-00[1-9]-100.tfrec"));
        assertEquals("dir/a*", GlobPattern.literalPrefix("dir/a\\**"));
        assertEquals("plain", GlobPattern.literalPrefix("plain"));
        assertEquals("", GlobPattern.literalPrefix("*"));
    }

    @Test
    void invalidRangeNamesThePattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GlobPattern.compile("x[z-a]"));
        assertTrue(e.getMessage().contains("x[z-a]"), e.getMessage());
    }
}
