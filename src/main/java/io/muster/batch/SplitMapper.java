package io.muster.batch;

import jakarta.annotation.PostConstruct;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code <mapper ref="splitMapper">}: fans a step out into partitions, each a {@code clusterJob}.
 * Exactly one of:
 * <ul>
 *   <li>{@code input} + {@code partitions}: the file is cut into that many chunks of whole lines
 *       (fyrd's splitrun); the first {@code header} lines (default 0) are copied to every chunk;</li>
 *   <li>{@code items}: one partition per item (separated by commas, blanks or new lines);</li>
 *   <li>{@code glob}: one partition per matching file, sorted by name (relative to the flow's
 *       work directory unless absolute).</li>
 * </ul>
 * Each partition's {@code {file}} (its chunk or file), {@code {item}}, {@code {index}} (from 1)
 * and {@code {outfile}} ({@code DIR/part-N.out}) fill the placeholders of its command. Chunks and
 * outputs go to {@code dir} (default: the flow's work directory / step id). {@code parallel}
 * (default 64) bounds how many partitions run at once, and so how many threads the step holds.
 *
 * <p>Cutting is deterministic, so a restarted flow cuts the same chunks and reruns only the
 * partitions that did not complete.
 */
@Named(SplitMapper.NAME)
@Dependent
public class SplitMapper implements PartitionMapper {

    public static final String NAME = "splitMapper";
    public static final List<String> PROPERTIES = List.of("input", "partitions", "header", "items", "glob", "dir",
            "parallel");
    static final String WORK_DIR = "muster.workDir";
    static final int DEFAULT_PARALLEL = 64;

    @Inject
    StepContext stepContext;

    private Map<String, String> properties;

    @PostConstruct
    void readProperties() {
        properties = ArtifactProperties.current();
    }

    @Override
    public PartitionPlan mapPartitions() throws IOException {
        Path workDir = Path.of(properties.getOrDefault(WORK_DIR, System.getProperty("user.dir")));
        Path dir = workDir.resolve(properties.getOrDefault("dir", stepContext.getStepName()));
        Files.createDirectories(dir);
        List<String[]> parts = partitions(workDir, dir);
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(parts.size());
        plan.setThreads(Math.max(1, Math.min(parts.size(), intProperty("parallel", DEFAULT_PARALLEL))));
        Properties[] each = new Properties[parts.size()];
        List<Path> outfiles = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Path outfile = dir.resolve(String.format("part-%d.out", i + 1));
            outfiles.add(outfile);
            each[i] = new Properties();
            each[i].setProperty("file", parts.get(i)[0]);
            each[i].setProperty("item", parts.get(i)[1]);
            each[i].setProperty("index", String.valueOf(i + 1));
            each[i].setProperty("outfile", outfile.toString());
        }
        plan.setPartitionProperties(each);
        stepContext.setTransientUserData(new SplitPlan(dir, outfiles));
        return plan;
    }

    /** {file, item} per partition. */
    private List<String[]> partitions(Path workDir, Path dir) throws IOException {
        String input = properties.get("input");
        String items = properties.get("items");
        String glob = properties.get("glob");
        long given = Stream.of(input, items, glob).filter(v -> v != null).count();
        if (given != 1) {
            throw new IllegalArgumentException("step '" + stepContext.getStepName() + "': splitMapper needs exactly one"
                    + " of 'input', 'items', 'glob' (got " + given + ")");
        }
        List<String[]> out = new ArrayList<>();
        if (input != null) {
            int n = intProperty("partitions", 0);
            if (n < 1) {
                throw new IllegalArgumentException("step '" + stepContext.getStepName()
                        + "': splitMapper property 'partitions' must be at least 1 with 'input'");
            }
            for (Path chunk : cut(workDir.resolve(input), n, header(), dir)) {
                out.add(new String[] {chunk.toString(), chunk.toString()});
            }
        } else if (items != null) {
            for (String item : items.trim().split("[,\\s]+")) {
                if (!item.isEmpty()) {
                    out.add(new String[] {item, item});
                }
            }
        } else {
            for (Path file : glob(workDir, glob)) {
                out.add(new String[] {file.toString(), file.toString()});
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("step '" + stepContext.getStepName() + "': splitMapper found nothing to"
                    + " fan out over (" + (items != null ? "items is empty" : "no file matches " + glob) + ")");
        }
        return out;
    }

    private int header() {
        String h = properties.getOrDefault("header", "0");
        return h.equalsIgnoreCase("true") ? 1 : h.equalsIgnoreCase("false") ? 0 : intProperty("header", 0);
    }

    private int intProperty(String name, int fallback) {
        String value = properties.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("step '" + stepContext.getStepName() + "': splitMapper property '" + name
                    + "' must be a whole number, was '" + value + "'");
        }
    }

    /**
     * Cuts {@code input} into {@code n} chunks of whole lines, as even as possible (the first ones
     * take one line more), each starting with the {@code header} lines. Bytes pass through
     * unchanged (read as ISO-8859-1). Fewer lines than chunks makes fewer chunks.
     */
    static List<Path> cut(Path input, int n, int header, Path dir) throws IOException {
        long lines;
        try (Stream<String> all = Files.lines(input, StandardCharsets.ISO_8859_1)) {
            lines = all.count();
        }
        long body = Math.max(0, lines - header);
        int chunks = (int) Math.max(1, Math.min(n, body));
        List<Path> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.ISO_8859_1)) {
            List<String> head = new ArrayList<>();
            for (int i = 0; i < header && i < lines; i++) {
                head.add(in.readLine());
            }
            for (int c = 0; c < chunks; c++) {
                long size = body / chunks + (c < body % chunks ? 1 : 0);
                Path chunk = dir.resolve(String.format("part-%d.in", c + 1));
                try (BufferedWriter w = Files.newBufferedWriter(chunk, StandardCharsets.ISO_8859_1)) {
                    for (String h : head) {
                        w.write(h);
                        w.write('\n');
                    }
                    for (long i = 0; i < size; i++) {
                        w.write(in.readLine());
                        w.write('\n');
                    }
                }
                out.add(chunk);
            }
        }
        return out;
    }

    static List<Path> glob(Path workDir, String pattern) throws IOException {
        Path absolute = workDir.resolve(pattern).normalize();
        // walk from the deepest directory without wildcards
        Path root = absolute.getRoot();
        for (Path part : absolute) {
            if (part.toString().matches(".*[*?\\[{].*")) {
                break;
            }
            root = root.resolve(part);
        }
        if (root.equals(absolute)) {
            return Files.isRegularFile(absolute) ? List.of(absolute) : List.of();
        }
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolute);
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(matcher::matches).sorted().toList();
        }
    }
}
