package io.muster.testing;

import jakarta.enterprise.inject.spi.Extension;
import org.jberet.creation.BatchCDIExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * What Arquillian deploys into its embedded Weld container: all of Muster, with JBeret's CDI
 * extension (for {@code @BatchProperty} and the batch scopes).
 */
public final class MusterArchive {

    private MusterArchive() {
    }

    public static JavaArchive create() {
        return ShrinkWrap.create(JavaArchive.class, "muster.jar")
                .addPackages(true, "io.muster")
                .addAsServiceProvider(Extension.class, BatchCDIExtension.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
    }
}
