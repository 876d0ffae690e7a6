package io.muster.messaging.control;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ErrorCode;
import io.muster.config.UserRole;
import io.muster.messaging.Answers;
import io.muster.messaging.Rights;
import io.muster.messaging.Sender;
import io.muster.messaging.Submissions;
import io.muster.options.Profiles;
import java.util.List;
import java.util.Map;
import io.muster.api.Violation;
import java.util.Optional;

/**
 * {@code profiles}: new profiles for this running server, without a restart. {@code profiles}
 * holds every {@code [profiles.NAME]} table (as {@code muster profile add/update/remove-option/delete}
 * wrote them to a muster.toml), checked as the server checks its file at start; submissions
 * from now on resolve over them. They change every user's defaults, so it needs {@code admin}.
 */
final class ProfileRequests implements ControlAction {

    private final Submissions submissions;

    ProfileRequests(Submissions submissions) {
        this.submissions = submissions;
    }

    @Override
    public ObjectNode answer(JsonNode request, Sender sender) {
        Optional<String> refusal = Rights.refusal(sender, "change the server's profiles", UserRole.ADMIN);
        if (refusal.isPresent()) {
            return Answers.error(ErrorCode.FORBIDDEN, refusal.get());
        }
        JsonNode tables = request.get("profiles");
        if (tables == null || !tables.isObject()) {
            throw new IllegalArgumentException("profiles needs 'profiles', an object of NAME: {OPTION: VALUE}");
        }
        Map<String, Map<String, Object>> given = Submissions.JSON.convertValue(tables,
                new TypeReference<Map<String, Map<String, Object>>>() { });
        Profiles changed = Profiles.of(given);
        List<Violation> unusable = submissions.profileProblems(changed, given.keySet());
        if (!unusable.isEmpty()) {
            // checked here, by this server's work root, not by the sender's
            throw new IllegalArgumentException("profiles not taken, a job using them would be rejected: "
                    + String.join("; ", unusable.stream().map(Violation::message).toList()));
        }
        submissions.useProfiles(changed);
        ObjectNode answer = Answers.ok();
        ArrayNode names = answer.putArray("profiles");
        changed.all().forEach(p -> names.add(p.name()));
        return answer;
    }
}
