package io.muster.batch;

import java.util.List;
import java.util.Set;
import org.jberet.spi.ArtifactFactory;

/**
 * The artifacts a flow may have JBeret create: Muster's building blocks ({@code clusterJob},
 * {@code splitMapper}, {@code splitMerge}) and the event listeners Muster adds to every flow, by
 * their names. Anything else is refused here, where JBeret creates artifacts, whatever brought
 * the name: a literal {@code ref}, an expression ({@code ref="#{jobParameters['x']}"}) resolved
 * at run time, or a parent flow ({@code parent}/{@code jsl-name}) that the validator never saw.
 * Without it JBeret would load any class on the server's class path by its name and construct
 * it, and the flow pool would create Muster's own dispatch artifacts for whoever asked.
 */
final class FlowArtifactFactory implements ArtifactFactory {

    /** What users write in flows. */
    static final List<String> BUILDING_BLOCKS = List.of(ClusterJobBatchlet.NAME, SplitMapper.NAME, SplitMerge.NAME);
    /** What Muster adds to every flow ({@link Flows#prepare}). */
    private static final Set<String> ADDED = Set.of(FlowEventsListener.NAME, StepEventsListener.NAME);

    private final ArtifactFactory delegate;

    FlowArtifactFactory(ArtifactFactory delegate) {
        this.delegate = delegate;
    }

    /** True for a name a flow's {@code ref} may give. */
    static boolean buildingBlock(String ref) {
        return BUILDING_BLOCKS.contains(ref);
    }

    private static void check(String ref) {
        if (!buildingBlock(ref) && !ADDED.contains(ref)) {
            throw new IllegalArgumentException("a flow may not use the batch artifact '" + ref + "': its artifacts are "
                    + String.join(", ", BUILDING_BLOCKS));
        }
    }

    @Override
    public Class<?> getArtifactClass(String ref, ClassLoader classLoader) {
        check(ref);
        return delegate.getArtifactClass(ref, classLoader);
    }

    @Override
    public Object create(String ref, Class<?> cls, ClassLoader classLoader) throws Exception {
        check(ref);
        return delegate.create(ref, cls, classLoader);
    }

    @Override
    public void destroy(Object instance) {
        delegate.destroy(instance);
    }
}
