package io.muster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.config.HttpTls;
import io.muster.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP server bound beyond loopback (0.0.0.0) serves HTTPS only, with the key store of
 * {@code http.tls_keystore}, made here by the JDK's keytool as an operator would; a client that
 * trusts the certificate gets the pages with a login, plain HTTP gets nothing.
 */
class HttpsIT {

    private static final String STORE_PASSWORD = "store-pw-1";

    @TempDir
    static Path data;

    private static TestServer server;
    private static int port;
    private static HttpClient trusting;

    @BeforeAll
    static void startServerWithAKeyStore() throws Exception {
        Path keystore = data.resolve("web.p12");
        Path cert = data.resolve("web.crt");
        keytool("-genkeypair", "-alias", "muster", "-keyalg", "EC", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", STORE_PASSWORD, "-dname", "CN=localhost", "-validity", "2",
                "-ext", "san=ip:127.0.0.1,dns:localhost");
        keytool("-exportcert", "-alias", "muster", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
                "-rfc", "-file", cert.toString());
        trusting = HttpClient.newBuilder().sslContext(trusting(cert)).connectTimeout(Duration.ofSeconds(5)).build();
        Path users = data.resolve("broker-users");
        Files.writeString(users, "olga:observe = olga-pw\n");
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
        port = TestServer.freePort();
        server = TestServer.start(data.resolve("server"), 1, c -> c.withBrokerUsers(users)
                .withHttpTls(new HttpTls(keystore, STORE_PASSWORD)).withHttpHost("0.0.0.0").withHttpPort(port));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void givenTheCertificateIsTrustedMetricsAnswerOverHttpsWithALoginAnd401WithoutOne() throws Exception {
        HttpResponse<String> anonymous = get("https", "/metrics", null);
        HttpResponse<String> olga = get("https", "/metrics", "olga:olga-pw");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(olga.statusCode()).as(olga.body()).isEqualTo(200);
        assertThat(olga.body()).contains("muster_jobs");
    }

    @Test
    void givenPlainHttpOnTheSamePortNoPageIsServed() {
        assertThatThrownBy(() -> get("http", "/metrics", "olga:olga-pw")).isInstanceOf(IOException.class);
    }

    @Test
    void givenAWrongKeyStorePasswordTheServerDoesNotStartAndSaysWhichSetting() throws Exception {
        Path users = data.resolve("broker-users");
        int other = TestServer.freePort();

        assertThatThrownBy(() -> TestServer.start(data.resolve("wrong-password"), 1, c -> c.withBrokerUsers(users)
                .withHttpTls(new HttpTls(data.resolve("web.p12"), "not-the-password")).withHttpHost("0.0.0.0")
                .withHttpPort(other)).close())
                .hasMessageContaining("setting http.tls_keystore " + data.resolve("web.p12"))
                .hasMessageContaining("cannot be read as a PKCS12 key store with http.tls_password");
    }

    private static HttpResponse<String> get(String scheme, String path, String login)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (login != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        return trusting.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(in);
            trust.setCertificateEntry("muster", c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... args) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(command + ": " + out).isZero();
    }
}
