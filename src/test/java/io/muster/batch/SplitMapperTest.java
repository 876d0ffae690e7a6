package io.muster.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitMapperTest {

    @TempDir
    Path dir;

    private Path lines(int n, String header) throws Exception {
        List<String> all = new ArrayList<>();
        if (header != null) {
            all.add(header);
        }
        for (int i = 1; i <= n; i++) {
            all.add("line " + i);
        }
        return Files.write(dir.resolve("input.txt"), all);
    }

    @Test
    void cutsIntoEvenChunksOfWholeLinesTheFirstTakingTheRemainder() throws Exception {
        List<Path> chunks = SplitMapper.cut(lines(10, null), 4, 0, dir);

        assertThat(chunks).hasSize(4);
        assertThat(Files.readAllLines(chunks.get(0))).containsExactly("line 1", "line 2", "line 3");
        assertThat(Files.readAllLines(chunks.get(1))).containsExactly("line 4", "line 5", "line 6");
        assertThat(Files.readAllLines(chunks.get(2))).containsExactly("line 7", "line 8");
        assertThat(Files.readAllLines(chunks.get(3))).containsExactly("line 9", "line 10");
    }

    @Test
    void copiesTheHeaderToEveryChunk() throws Exception {
        List<Path> chunks = SplitMapper.cut(lines(4, "name\tcount"), 2, 1, dir);

        assertThat(Files.readAllLines(chunks.get(0))).containsExactly("name\tcount", "line 1", "line 2");
        assertThat(Files.readAllLines(chunks.get(1))).containsExactly("name\tcount", "line 3", "line 4");
    }

    @Test
    void makesFewerChunksThanAskedWhenThereAreFewerLines() throws Exception {
        assertThat(SplitMapper.cut(lines(2, null), 5, 0, dir)).hasSize(2);
    }

    @Test
    void keepsBytesThatAreNotUtf8() throws Exception {
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xe9, '\n', 'x', '\n'};
        Path input = Files.write(dir.resolve("latin1.txt"), latin1);

        List<Path> chunks = SplitMapper.cut(input, 2, 0, dir);

        assertThat(Files.readAllBytes(chunks.get(0))).containsExactly('c', 'a', 'f', (byte) 0xe9, '\n');
    }

    @Test
    void globFindsMatchingFilesSortedAndRelativeToTheWorkDirectory() throws Exception {
        Files.createDirectories(dir.resolve("reads"));
        for (String f : List.of("b.fq", "a.fq", "c.txt")) {
            Files.writeString(dir.resolve("reads").resolve(f), f);
        }

        assertThat(SplitMapper.glob(dir, "reads/*.fq"))
                .containsExactly(dir.resolve("reads/a.fq"), dir.resolve("reads/b.fq"));
        assertThat(SplitMapper.glob(dir, "nowhere/*.fq")).isEmpty();
    }

    @Test
    void concatKeepsTheHeaderOfTheFirstOutputOnly() throws Exception {
        Path a = Files.write(dir.resolve("a"), List.of("h", "1", "2"));
        Path b = Files.write(dir.resolve("b"), List.of("h", "3"));

        SplitMerge.concat(List.of(a, b), 1, dir.resolve("merged"));

        assertThat(Files.readAllLines(dir.resolve("merged"))).containsExactly("h", "1", "2", "3");
    }
}
