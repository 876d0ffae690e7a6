package io.muster.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a broker user may do, as the users file names it ({@code alice:admin = secret}). The roles
 * nest: {@link #ADMIN} includes {@link #SUBMIT}, which includes {@link #OBSERVE}, so a check asks
 * for the least role that suffices and {@link #grants(UserRole)} answers for the larger ones too.
 */
public enum UserRole {

    /** Views: ask {@code muster.control} for the queue, a job, its output; follow events. */
    OBSERVE,
    /** Run jobs and flows, and cancel, resubmit and clean one's own jobs. */
    SUBMIT,
    /** Everything a submitter may, on everybody's jobs; read rejected, dead and expired messages. */
    ADMIN;

    /** The role of a users-file line that names none: what every user could do before roles existed. */
    public static final UserRole DEFAULT = SUBMIT;

    /** The word the users file and the broker's security settings use. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a user with this role may do what {@code needed} allows. */
    public boolean grants(UserRole needed) {
        return compareTo(needed) >= 0;
    }

    /** This role and every role it includes. */
    public Set<UserRole> withIncluded() {
        return Arrays.stream(values()).filter(this::grants)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(UserRole.class)));
    }

    /** The role a users-file word names, exactly as {@link #word()} writes it. */
    public static Optional<UserRole> of(String word) {
        return Arrays.stream(values()).filter(r -> r.word().equals(word)).findFirst();
    }

    /** The known words, for messages: "submit, observe, admin". */
    public static String words() {
        return String.join(", ", SUBMIT.word(), OBSERVE.word(), ADMIN.word());
    }
}
