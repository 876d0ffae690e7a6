package io.muster.job;

import java.util.Objects;

/**
 * Where a backend put a job, as its status call shows it (fyrd's queue columns): the partition
 * (the one the scheduler chose when the job named none), the node list, the node count and the
 * CPUs. Any part may be unknown (null): a pending job has no nodes yet.
 */
public record Placement(String partition, String nodes, Integer nodeCount, Integer cpus) {

    public Placement {
        partition = blankToNull(partition);
        nodes = blankToNull(nodes);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** This placement with what {@code newer} knows on top: a later status call fills in the nodes. */
    public Placement updatedBy(Placement newer) {
        if (newer == null) {
            return this;
        }
        return new Placement(newer.partition != null ? newer.partition : partition,
                newer.nodes != null ? newer.nodes : nodes,
                newer.nodeCount != null ? newer.nodeCount : nodeCount,
                newer.cpus != null ? newer.cpus : cpus);
    }

    public boolean isEmpty() {
        return partition == null && nodes == null && nodeCount == null && cpus == null;
    }

    static Placement merge(Placement older, Placement newer) {
        if (older == null) {
            return newer == null || newer.isEmpty() ? null : newer;
        }
        Placement merged = older.updatedBy(newer);
        return Objects.equals(merged, older) ? older : merged;
    }
}
