package io.muster.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ShellWords: one way to quote a word for the shell, on both sides. */
class ShellWordsTest {

    @Test
    void quotesAlwaysAndEscapesASingleQuote() {
        assertThat(ShellWords.quote("/data/run 1")).isEqualTo("'/data/run 1'");
        assertThat(ShellWords.quote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void leavesAWordBareWhenNoCharacterOfItMeansAnythingToTheShell() {
        assertThat(ShellWords.word("/usr/bin/env")).isEqualTo("/usr/bin/env");
        assertThat(ShellWords.word("a;b")).isEqualTo("'a;b'");
        assertThat(ShellWords.word("$HOME")).isEqualTo("'$HOME'");
    }
}
