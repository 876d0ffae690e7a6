package io.muster.http;

import io.muster.config.ConfigException;
import io.muster.config.HttpTls;
import io.muster.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The TLS context of the HTTPS server, from the PKCS12 key store of {@code http.tls_keystore}. */
final class TlsContext {

    private TlsContext() {
    }

    static SSLContext open(HttpTls tls) {
        char[] password = tls.password().toCharArray();
        KeyStore store;
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw refused(tls, "cannot be read as a PKCS12 key store with " + Settings.HTTP_TLS_PASSWORD.id() + ": "
                    + (e.getCause() != null && e.getMessage() == null ? e.getCause() : e.getMessage()));
        }
        try {
            boolean hasKey = false;
            for (String alias : Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw refused(tls, "holds no private key (only certificates): it needs the server's key and"
                        + " certificate chain, e.g. from keytool -genkeypair or openssl pkcs12 -export");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw refused(tls, "cannot serve TLS: " + e.getMessage());
        }
    }

    private static ConfigException refused(HttpTls tls, String why) {
        return new ConfigException("setting " + Settings.HTTP_TLS_KEYSTORE.id() + " " + tls.keystore() + " " + why);
    }
}
