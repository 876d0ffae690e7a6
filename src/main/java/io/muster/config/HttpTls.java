package io.muster.config;

import java.nio.file.Path;

/**
 * HTTPS for the web page, {@code /metrics} and {@code /health}: a PKCS12 key store holding the
 * server's key and certificate chain ({@code http.tls_keystore}), and its password
 * ({@code http.tls_password}). Needed to bind the HTTP server beyond loopback, so that the logins
 * it asks for do not cross the network in clear text. The store is opened at start
 * ({@code io.muster.http.TlsContext}); an unreadable file or a wrong password stops the server.
 */
public record HttpTls(Path keystore, String password) {

    public HttpTls {
        if (keystore == null) {
            throw new IllegalArgumentException("setting " + Settings.HTTP_TLS_KEYSTORE.id() + " must be set when "
                    + Settings.HTTP_TLS_PASSWORD.id() + " is");
        }
        if (password == null) {
            throw new IllegalArgumentException("setting " + Settings.HTTP_TLS_PASSWORD.id() + " must be set when "
                    + Settings.HTTP_TLS_KEYSTORE.id() + " is (" + keystore + ")");
        }
        keystore = keystore.toAbsolutePath().normalize();
    }

    @Override
    public String toString() {
        return "HttpTls[keystore=" + keystore + ", password=(not shown)]";
    }
}
