package io.muster.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectUrlTest {

    /** Regression (black-box probe): connect(null) said "no Muster server is running at null" with Artemis' NullPointerException. */
    @Test
    void aMissingUrlIsAnArgumentErrorNotAMissingServer() {
        assertThatThrownBy(() -> Muster.connect(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the url of a Muster server's broker is required, such as " + Muster.DEFAULT_URL + "; was null");
        assertThatThrownBy(() -> Muster.connect(" ", "ann", "pw"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("; was ' '");
    }
}
