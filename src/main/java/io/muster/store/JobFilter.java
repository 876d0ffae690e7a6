package io.muster.store;

import io.muster.api.JobState;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which jobs a query of the store wants. Every criterion left null matches everything; the
 * criteria that are set must all hold.
 *
 * @param states    the states to include, or null for any
 * @param user      exact user name
 * @param backend   exact backend name (local, slurm, ...)
 * @param partition exact partition (queue) name
 * @param name      job name; {@code *} matches any run of characters, {@code ?} one character
 * @param limit     at most this many jobs, the most recently submitted ones; null or 0 for no limit
 */
public record JobFilter(Set<JobState> states, String user, String backend, String partition, String name,
                        Integer limit) {

    public JobFilter {
        states = states == null ? null : Set.copyOf(states.isEmpty() ? EnumSet.noneOf(JobState.class) : states);
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (none) or more, was " + limit);
        }
    }

    public static JobFilter all() {
        return new JobFilter(null, null, null, null, null, null);
    }

    public JobFilter withStates(Set<JobState> s) {
        return new JobFilter(s, user, backend, partition, name, limit);
    }

    public JobFilter withUser(String u) {
        return new JobFilter(states, u, backend, partition, name, limit);
    }

    public JobFilter withBackend(String b) {
        return new JobFilter(states, user, b, partition, name, limit);
    }

    public JobFilter withPartition(String p) {
        return new JobFilter(states, user, backend, p, name, limit);
    }

    public JobFilter withName(String n) {
        return new JobFilter(states, user, backend, partition, n, limit);
    }

    public JobFilter withLimit(Integer l) {
        return new JobFilter(states, user, backend, partition, name, l);
    }

    /** The name pattern as SQL LIKE with backslash as escape: {@code *} and {@code ?} are the only wildcards. */
    String nameLike() {
        StringBuilder like = new StringBuilder();
        for (char c : name.toCharArray()) {
            switch (c) {
                case '*' -> like.append('%');
                case '?' -> like.append('_');
                case '%', '_', '\\' -> like.append('\\').append(c);
                default -> like.append(c);
            }
        }
        return like.toString();
    }
}
