package io.muster.batch.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A job's {@code depends} entries read as Slurm writes them: {@code ID} or {@code afterok:ID}
 * (start when it succeeded) and {@code afterany:ID} (start when it ended, however). One kind per
 * job, since every backend takes one dependency type per list.
 */
record DependencyList(List<String> ids, boolean afterAny) {

    static final String AFTER_OK = "afterok:";
    static final String AFTER_ANY = "afterany:";

    /** @throws IllegalArgumentException when afterok and afterany entries are mixed */
    static DependencyList parse(List<String> entries) {
        List<String> ids = new ArrayList<>();
        int any = 0;
        for (String entry : entries) {
            String lower = entry.toLowerCase(Locale.ROOT);
            if (lower.startsWith(AFTER_ANY)) {
                any++;
                ids.add(entry.substring(AFTER_ANY.length()));
            } else if (lower.startsWith(AFTER_OK)) {
                ids.add(entry.substring(AFTER_OK.length()));
            } else {
                ids.add(entry);
            }
        }
        if (any > 0 && any < entries.size()) {
            throw new IllegalArgumentException("depends mixes afterany: with afterok entries " + entries
                    + "; give one kind per job");
        }
        return new DependencyList(List.copyOf(ids), any > 0);
    }
}
