package io.muster.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.jberet.spi.ArtifactFactory;
import org.junit.jupiter.api.Test;

class FlowArtifactFactoryTest {

    private final List<String> asked = new ArrayList<>();
    private final FlowArtifactFactory factory = new FlowArtifactFactory(new ArtifactFactory() {
        @Override
        public Class<?> getArtifactClass(String ref, ClassLoader classLoader) {
            asked.add(ref);
            return Object.class;
        }

        @Override
        public Object create(String ref, Class<?> cls, ClassLoader classLoader) {
            asked.add(ref);
            return new Object();
        }

        @Override
        public void destroy(Object instance) {
        }
    });

    /** Regression (black-box probe): a flow's ref="java.lang.Object" or ref="#{jobParameters['x']}" had JBeret construct any class. */
    @Test
    void refusesAClassNameAndMustersDispatchArtifactsWithoutAskingTheContainer() {
        for (String ref : List.of("java.lang.Object", "io.muster.batch.dispatch.HandOverWriter", "handOver",
                "io.muster.server.MusterServer")) {
            assertThatThrownBy(() -> factory.create(ref, null, getClass().getClassLoader()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a flow may not use the batch artifact '" + ref + "': its artifacts are clusterJob,"
                            + " splitMapper, splitMerge");
            assertThatThrownBy(() -> factory.getArtifactClass(ref, getClass().getClassLoader()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(asked).isEmpty();
    }

    @Test
    void createsTheBuildingBlocksAndTheListenersMusterAdds() throws Exception {
        for (String ref : List.of("clusterJob", "splitMapper", "splitMerge", FlowEventsListener.NAME,
                StepEventsListener.NAME)) {
            assertThat(factory.create(ref, null, getClass().getClassLoader())).isNotNull();
        }
        assertThat(asked).hasSize(5);
    }
}
