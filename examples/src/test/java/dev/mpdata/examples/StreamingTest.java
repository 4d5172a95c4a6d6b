package dev.mpdata.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generator streams: nothing proportional to the number of events is ever held. */
class StreamingTest {

    /** Counts bytes and newlines, keeps nothing. */
    private static final class CountingSink extends OutputStream {
        long bytes;
        long newlines;

        @Override
        public void write(int b) {
            bytes++;
            if (b == '\n') {
                newlines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    newlines++;
                }
            }
        }
    }

    @Test
    void aHugeRequestStartsAtOnceBecauseNothingIsBuiltUpFront() {
        // 100 billion events: if anything were materialised first, this would never return.
        SampleDataGenerator huge =
                SampleDataGenerator.builder().events(100_000_000_000L).days(365).build();
        assertThat(huge.duplicateLines()).isEqualTo(1_000_000_000L);
        Iterator<String> lines = huge.eventLines();
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            String line = lines.next();
            long time = Long.parseLong(line.replaceAll(".*\"time\":(\\d+),.*", "$1"));
            assertThat(time).isGreaterThanOrEqualTo(previous);
            previous = time;
        }
        Iterator<Map<String, Object>> rows = huge.eventRows();
        for (int i = 0; i < 10_000; i++) {
            assertThat(rows.next().get("event_time")).isInstanceOf(Instant.class);
        }
    }

    @Test
    void writing200kEventsKeepsTheHeapFlat() throws IOException {
        SampleDataGenerator g =
                SampleDataGenerator.builder().events(200_000).seed(9).build();
        CountingSink sink = new CountingSink();
        long baseline = usedHeapAfterGc();
        long peak = 0;
        Iterator<String> lines = g.eventLines();
        try (Writer w = new OutputStreamWriter(sink, StandardCharsets.UTF_8)) {
            long n = 0;
            while (lines.hasNext()) {
                w.write(lines.next());
                w.write('\n');
                if (++n % 50_000 == 0) {
                    peak = Math.max(peak, usedHeapAfterGc() - baseline);
                }
            }
        }
        assertThat(sink.newlines).isEqualTo(200_000);
        // Holding the lines would take well over 70 MB (the bytes alone); a stream needs a few.
        assertThat(sink.bytes).isGreaterThan(70_000_000L);
        assertThat(peak).isLessThan(24L * 1024 * 1024);
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
