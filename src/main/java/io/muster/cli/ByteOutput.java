package io.muster.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The CLI's stdout: picocli's {@link PrintWriter} for text, and the stream underneath for bytes
 * that must go out as they are (a job's stdout that is not text). Writers that are not one (a
 * test's) get the bytes as UTF-8 text.
 */
final class ByteOutput extends PrintWriter {

    private final OutputStream raw;

    ByteOutput(OutputStream raw) {
        super(new BufferedWriter(new OutputStreamWriter(raw, Charset.defaultCharset())), true);
        this.raw = raw;
    }

    /** Writes {@code bytes} to {@code out} unchanged when it is a {@code ByteOutput}, else as UTF-8 text. */
    static void write(PrintWriter out, byte[] bytes) {
        if (out instanceof ByteOutput b) {
            b.flush();
            try {
                b.raw.write(bytes);
                b.raw.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.print(new String(bytes, StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
