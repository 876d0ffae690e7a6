package io.muster.messaging.control;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link ControlFixture} for each test, over a work root of its own. */
abstract class ControlTestBase {

    @TempDir
    Path work;

    ControlFixture fixture;

    @BeforeEach
    void openFixture() {
        fixture = new ControlFixture(work);
    }

    @AfterEach
    void closeFixture() {
        fixture.close();
    }
}
