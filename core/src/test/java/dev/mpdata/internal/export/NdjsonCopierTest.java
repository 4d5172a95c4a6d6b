package dev.mpdata.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Line counting and last-line checks of export bodies, across arbitrary read boundaries. */
class NdjsonCopierTest {

    /** Hands out at most a few bytes per read, like a slow network. */
    static InputStream trickle(byte[] data, int maxChunk) {
        Random rnd = new Random(42);
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + rnd.nextInt(maxChunk)));
            }
        };
    }

    static NdjsonCopier copy(byte[] body, int maxChunk) throws IOException {
        NdjsonCopier c = new NdjsonCopier();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.copy(trickle(body, maxChunk), out);
        assertThat(c.bytes()).isEqualTo(out.size());
        return c;
    }

    @Test
    void linesAreCountedAcrossArbitraryReadBoundaries() throws IOException {
        String body = "{\"a\":1}\n\n  \n{\"b\":\"x\\ny\"}\r\n{\"c\":[1,2,{\"d\":null}]}\n";
        for (int chunk : new int[] {1, 2, 3, 7, 64, 100_000}) {
            NdjsonCopier c = copy(body.getBytes(StandardCharsets.UTF_8), chunk);
            assertThat(c.lines()).as("chunk %d", chunk).isEqualTo(3);
            assertThat(c.lastLineIsJsonObject()).isTrue();
        }
    }

    @Test
    void aLastLineWithoutNewlineGetsOne() throws IOException {
        byte[] body = "{\"a\":1}\n{\"b\":2}".getBytes(StandardCharsets.UTF_8);
        NdjsonCopier c = new NdjsonCopier();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.copy(new ByteArrayInputStream(body), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
        assertThat(c.lines()).isEqualTo(2);
        assertThat(c.bytes()).isEqualTo(body.length + 1);
        assertThat(c.lastLineIsJsonObject()).isTrue();
    }

    @Test
    void nonJsonLastLineIsDetectedWhereverTheBlocksSplit() throws IOException {
        String good = "{\"event\":\"x\",\"properties\":{\"time\":1}}\n".repeat(5000);
        for (String tail : new String[] {
            "terminated early",
            "terminated early\n",
            "terminated early\n\n  \n",
            "{\"event\":\"cut",
            "{\"a\":1} trailing",
            "[1,2]\n",
            "42\n"
        }) {
            for (int chunk : new int[] {1, 5, 70_000}) {
                NdjsonCopier c = copy((good + tail).getBytes(StandardCharsets.UTF_8), chunk);
                assertThat(c.lastLineIsJsonObject())
                        .as("tail %s chunk %d", tail, chunk)
                        .isFalse();
            }
        }
        NdjsonCopier ok = copy(good.getBytes(StandardCharsets.UTF_8), 70_000);
        assertThat(ok.lines()).isEqualTo(5000);
        assertThat(ok.lastLineIsJsonObject()).isTrue();
        assertThat(copy("terminated early".getBytes(StandardCharsets.UTF_8), 3).lastLinePreview())
                .isEqualTo("terminated early");
    }

    @Test
    void emptyAndBlankBodiesHaveNoLines() throws IOException {
        assertThat(copy(new byte[0], 1).lines()).isZero();
        NdjsonCopier blank = copy(" \n\n".getBytes(StandardCharsets.UTF_8), 1);
        assertThat(blank.lines()).isZero();
        assertThat(blank.lastLineIsJsonObject()).isTrue();
    }

    @Test
    void longLinesSpanningManyBlocksSurvive() throws IOException {
        String longValue = "v".repeat(300_000);
        String body = "{\"a\":\"" + longValue + "\"}\n{\"b\":\"" + longValue + "\"}";
        NdjsonCopier c = copy(body.getBytes(StandardCharsets.UTF_8), 70_000);
        assertThat(c.lines()).isEqualTo(2);
        assertThat(c.lastLineIsJsonObject()).isTrue();
    }
}
