package io.muster.batch;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jberet.creation.ArtifactCreationContext;

/**
 * The batch properties of the artifact being created, all of them, already resolved
 * ({@code #{jobParameters['x']}} substituted). {@code @BatchProperty} needs a field per name;
 * the clusterJob batchlet takes any catalogue option, so it reads them here, at creation.
 */
final class ArtifactProperties {

    private ArtifactProperties() {
    }

    /** Call from {@code @PostConstruct}: JBeret sets the creation context only while it creates the artifact. */
    static Map<String, String> current() {
        ArtifactCreationContext context = ArtifactCreationContext.getCurrentArtifactCreationContext();
        Map<String, String> out = new LinkedHashMap<>();
        if (context != null && context.getProperties() != null) {
            context.getProperties().getNameValues().forEach((name, value) -> {
                // an expression with nothing to resolve to leaves an empty value: treat it as unset
                if (value != null && !value.isBlank()) {
                    out.put(name, value.trim());
                }
            });
        }
        return out;
    }
}
