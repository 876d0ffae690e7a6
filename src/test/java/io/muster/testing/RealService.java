package io.muster.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that need a real service (the Slurm cluster, the PBS commands, a client from Debian's
 * packages): a local run without it skips them and says why; CI ({@code CI=true}), which starts
 * and installs every such service, fails them instead, so a missing service never passes as a skip.
 */
public final class RealService {

    private RealService() {
    }

    /** @param whyUnavailable null when the service answers, else the reason it does not */
    public static void require(String whyUnavailable) {
        if (whyUnavailable == null) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI must provide this service (see .ci/run), but " + whyUnavailable);
        }
        assumeTrue(false, whyUnavailable);
    }
}
