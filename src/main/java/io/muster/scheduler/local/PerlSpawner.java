package io.muster.scheduler.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts wrappers through a long-lived Perl helper ({@code spawner.pl}, next to this class)
 * fed over a pipe. A fork of that small process, then {@code setsid} and an exec of bash, costs
 * far less than a process start from the JVM; the helper also reports every end at once, so
 * the pool needs no polling for the jobs it started.
 *
 * <p>Requests and answers are lines of tab-separated fields, so paths must not hold a tab or a
 * newline (checked by {@link #usable}).
 */
final class PerlSpawner implements Spawner {

    private static final Logger LOG = Logger.getLogger(PerlSpawner.class.getName());
    static final String SCRIPT = "spawner.pl";

    private final Process process;
    private final OutputStream requests;
    private final Thread reader;
    private final Thread errors;
    private volatile boolean closing;

    PerlSpawner(Events events) throws IOException {
        process = new ProcessBuilder(List.of("perl", "-e", script()))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        requests = process.getOutputStream();
        reader = daemon("muster-local-spawner", () -> read(process.getInputStream(), events));
        errors = daemon("muster-local-spawner-stderr", () -> logErrors(process.getErrorStream()));
        reader.start();
        errors.start();
    }

    /** True if Perl can run here (the pool falls back to starting processes from the JVM). */
    static boolean available() {
        try {
            Process p = new ProcessBuilder(List.of("perl", "-MPOSIX", "-e", "exit 0"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean usable(Path... paths) {
        for (Path p : paths) {
            String s = p.toString();
            if (s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0) {
                return false;
            }
        }
        return true;
    }

    private static String script() throws IOException {
        try (InputStream in = PerlSpawner.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException("resource " + SCRIPT + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void start(String token, Path pidFile, Path dir, Path wrapper) {
        send("S\t" + token + "\t" + pidFile + "\t" + dir + "\t" + wrapper + "\n");
    }

    @Override
    public void signalGroup(long pgid, String signal) {
        send("K\t" + signal + "\t" + pgid + "\n");
    }

    private void send(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        synchronized (requests) {
            try {
                requests.write(bytes);
                requests.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("the local pool's spawner is gone", e);
            }
        }
    }

    private void read(InputStream in, Events events) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                try {
                    dispatch(line, events);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "local spawner: cannot handle '" + line + "'", e);
                }
            }
        } catch (IOException e) {
            if (!closing) {
                LOG.log(Level.WARNING, "local spawner: reading its answers failed", e);
            }
        }
        if (!closing) {
            events.lost("the spawner process ended" + exitDescription());
        }
    }

    private String exitDescription() {
        try {
            if (process.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)) {
                return " with exit code " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    private static void dispatch(String line, Events events) {
        int a = line.indexOf(' ');
        int b = line.indexOf(' ', a + 1);
        String what = line.substring(0, a);
        String first = line.substring(a + 1, b);
        String rest = line.substring(b + 1);
        switch (what) {
            case "P" -> events.started(first, Long.parseLong(rest));
            case "E" -> events.failed(first, rest);
            case "X" -> {
                int status = Integer.parseInt(rest);
                int signal = status & 0x7f;
                if (signal == 0) {
                    events.exited(Long.parseLong(first), (status >> 8) & 0xff, null);
                } else {
                    events.exited(Long.parseLong(first), null, signal);
                }
            }
            default -> LOG.warning(() -> "local spawner: unexpected answer '" + line + "'");
        }
    }

    private static void logErrors(InputStream in) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String message = line;
                LOG.warning(() -> "local spawner: " + message);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "local spawner: stderr closed", e);
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        closing = true;
        synchronized (requests) {
            try {
                requests.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing the spawner's input", e);
            }
        }
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroy();
            }
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
