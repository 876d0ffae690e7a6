package io.muster.batch;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import org.jberet.creation.AbstractArtifactFactory;

/** Batch artifacts are CDI beans found by their {@code @Named} name in Muster's own container. */
final class CdiArtifactFactory extends AbstractArtifactFactory {

    private final BeanManager beanManager;

    CdiArtifactFactory(BeanManager beanManager) {
        this.beanManager = beanManager;
    }

    @Override
    public Class<?> getArtifactClass(String ref, ClassLoader classLoader) {
        Bean<?> bean = findBean(ref, beanManager, classLoader);
        return bean == null ? null : bean.getBeanClass();
    }

    @Override
    public Object create(String ref, Class<?> cls, ClassLoader classLoader) {
        Bean<?> bean = findBean(ref, beanManager, classLoader);
        return bean == null ? null : beanManager.getReference(bean, bean.getBeanClass(),
                beanManager.createCreationalContext(bean));
    }
}
