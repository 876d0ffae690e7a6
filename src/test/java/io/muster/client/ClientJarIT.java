package io.muster.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.testing.Processes;
import io.muster.testing.Processes.Result;
import io.muster.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.zip.ZipEntry;
import javax.tools.JavaCompiler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client jar as a Java service takes it: a program compiled and run with nothing on its
 * class path but the client jar and the client's own dependencies (target/client-classpath.txt),
 * against a real server over TCP.
 */
class ClientJarIT {

    private static final String PROGRAM = """
            import io.muster.api.JobState;
            import io.muster.client.JobHandle;
            import io.muster.client.Muster;
            import io.muster.client.UnknownJobException;
            import java.time.Duration;

            public class Hello {
                public static void main(String[] args) throws Exception {
                    try (Muster muster = Muster.connect(args[0])) {
                        JobHandle job = muster.command("echo hello from the client jar").name("hello").submit();
                        JobState end = job.await(Duration.ofMinutes(1));
                        System.out.println("state " + end);
                        System.out.print("stdout " + job.stdout());
                        try {
                            muster.info("zzzzzzzz-zzzzz");
                        } catch (UnknownJobException e) {
                            System.out.println("unknown job " + e.getClass().getSimpleName());
                        }
                    }
                }
            }
            """;

    @TempDir
    static Path data;

    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(data.resolve("server"), 1);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static Path clientJar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "muster-*-client.jar")) {
            for (Path jar : jars) {
                return jar.toAbsolutePath();
            }
        }
        throw new AssertionError("no target/muster-*-client.jar: run mvn package");
    }

    private static String classPath() throws IOException {
        return clientJar() + ":" + Files.readString(Path.of("target", "client-classpath.txt")).strip();
    }

    @Test
    void aProgramBuiltAgainstTheClientJarAloneSubmitsAJobAndTellsAnUnknownJobByItsType() throws Exception {
        Path source = data.resolve("program/Hello.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, PROGRAM);
        JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int compiled = javac.run(null, null, errors, "-proc:none", "-cp", classPath(), "-d",
                source.getParent().toString(), source.toString());
        assertThat(compiled).as(errors.toString(StandardCharsets.UTF_8)).isZero();

        List<String> run = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", source.getParent() + ":" + classPath(), "Hello", server.url()));
        Result r = Processes.run(data, run, Map.of(), Duration.ofMinutes(2));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("state COMPLETED", "stdout hello from the client jar",
                "unknown job UnknownJobException");
    }

    @Test
    void theClientJarHoldsTheMessageTypesAndTheClientOnly() throws Exception {
        List<String> classes = new ArrayList<>();
        try (JarFile jar = new JarFile(clientJar().toFile())) {
            jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).forEach(classes::add);
        }

        assertThat(classes).isNotEmpty().allMatch(n -> n.startsWith("io/muster/api/") || n.startsWith("io/muster/client/"));
        assertThat(classes).contains("io/muster/api/JobState.class", "io/muster/client/Muster.class");
    }

    @Test
    void everyClassTheClientJarNeedsIsInItOrItsDependencies() throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = jdeps.run(print, print, "--multi-release", "17", "--missing-deps",
                "--class-path", Files.readString(Path.of("target", "client-classpath.txt")).strip(), clientJar().toString());

        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("not found").doesNotContain("io.muster.");
    }
}
