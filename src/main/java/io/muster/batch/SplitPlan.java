package io.muster.batch;

import java.nio.file.Path;
import java.util.List;

/**
 * How {@link SplitMapper} cut a step's work, kept in the step's transient data for
 * {@link SplitMerge}: the partitions' output files, in partition order.
 *
 * @param dir      where the chunks and outputs live
 * @param outfiles one per partition, in order
 */
record SplitPlan(Path dir, List<Path> outfiles) {

    SplitPlan {
        outfiles = List.copyOf(outfiles);
    }
}
