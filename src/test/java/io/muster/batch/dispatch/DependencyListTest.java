package io.muster.batch.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyListTest {

    @Test
    void plainIdsAreAfterOk() {
        DependencyList d = DependencyList.parse(List.of("a1", "b2"));

        assertThat(d.ids()).containsExactly("a1", "b2");
        assertThat(d.afterAny()).isFalse();
    }

    @Test
    void afterOkPrefixIsTheDefaultSpelledOut() {
        assertThat(DependencyList.parse(List.of("afterok:a1", "b2"))).isEqualTo(new DependencyList(List.of("a1", "b2"), false));
    }

    @Test
    void afterAnyEntriesStartWhateverTheDependencyEnded() {
        DependencyList d = DependencyList.parse(List.of("afterany:a1", "AFTERANY:b2"));

        assertThat(d.ids()).containsExactly("a1", "b2");
        assertThat(d.afterAny()).isTrue();
    }

    @Test
    void rejectsAMixOfAfterAnyAndAfterOkNamingTheEntries() {
        assertThatThrownBy(() -> DependencyList.parse(List.of("afterany:a1", "b2")))
                .hasMessageContaining("mixes afterany").hasMessageContaining("a1");
    }
}
