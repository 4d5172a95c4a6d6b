package dev.mpdata.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

/** The transport's byte-level pieces: gzip decoding, retry delays, request spacing. */
class CodecTest {

    static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

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

    static String decode(InputStream in) throws IOException {
        try (GzipDecoder d = new GzipDecoder(in)) {
            return new String(d.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    @Test
    void gzipMembersConcatenateEvenWhenTheyArriveByteByByte() throws IOException {
        byte[] all = concat(gzip("first\n"), gzip(""), gzip("second ü\n"), gzip("third\n".repeat(10_000)));
        assertThat(decode(trickle(all, 3))).isEqualTo("first\nsecond ü\n" + "third\n".repeat(10_000));
        assertThat(decode(new ByteArrayInputStream(all))).startsWith("first\nsecond ü\nthird\n");
    }

    @Test
    void emptyGzipBodyIsEmpty() throws IOException {
        assertThat(decode(new ByteArrayInputStream(new byte[0]))).isEmpty();
    }

    @Test
    void truncatedGzipIsAnError() throws IOException {
        byte[] full = gzip("line\n".repeat(1000));
        for (int cut : new int[] {5, 12, full.length / 2, full.length - 3}) {
            byte[] part = Arrays.copyOf(full, cut);
            assertThatThrownBy(() -> decode(new ByteArrayInputStream(part))).isInstanceOf(EOFException.class);
        }
        byte[] twoWithCutHeader = concat(full, Arrays.copyOf(gzip("x"), 4));
        assertThatThrownBy(() -> decode(new ByteArrayInputStream(twoWithCutHeader)))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void corruptGzipIsAnError() throws IOException {
        byte[] full = gzip("hello world\n".repeat(100));
        byte[] badTrailer = full.clone();
        badTrailer[badTrailer.length - 6] ^= 0x55;
        assertThatThrownBy(() -> decode(new ByteArrayInputStream(badTrailer))).isInstanceOf(ZipException.class);
        byte[] notGzip = "plain text".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decode(new ByteArrayInputStream(notGzip))).isInstanceOf(ZipException.class);
        byte[] trailingGarbage = concat(full, "xx".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> decode(new ByteArrayInputStream(trailingGarbage)))
                .isInstanceOf(ZipException.class);
    }

    @Test
    void gzipHeaderOptionalFieldsAreSkipped() throws IOException {
        byte[] plain = gzip("payload\n");
        // Rebuild the member with FEXTRA, FNAME, FCOMMENT and FHCRC set.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3});
        out.write(new byte[] {3, 0, 'a', 'b', 'c'});
        out.write("name.txt\0".getBytes(StandardCharsets.US_ASCII));
        out.write("a comment\0".getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] {0, 0});
        out.write(plain, 10, plain.length - 10);
        assertThat(decode(trickle(out.toByteArray(), 2))).isEqualTo("payload\n");
    }

    @Test
    void retryDelaysDoubleUpToTheCap() {
        RetryPolicy p = RetryPolicy.defaults();
        assertThat(p.maxAttempts()).isEqualTo(6);
        assertThat(p.delayCap(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.delayCap(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.delayCap(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(p.delayCap(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.delayCap(1000)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.delay(3, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.delay(3, 0.0)).isEqualTo(Duration.ZERO);
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        RetryPolicy.builder().baseDelay(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spacerSpacesStartsAndInfinityDisablesIt() throws InterruptedException {
        java.util.List<Duration> waits = new java.util.ArrayList<>();
        RequestSpacer s = new RequestSpacer(10);
        for (int i = 0; i < 4; i++) {
            s.acquire(waits::add);
        }
        assertThat(waits).hasSize(3);
        assertThat(waits.get(2)).isGreaterThan(Duration.ofMillis(250));
        RequestSpacer none = new RequestSpacer(Double.POSITIVE_INFINITY);
        java.util.List<Duration> none2 = new java.util.ArrayList<>();
        none.acquire(none2::add);
        none.acquire(none2::add);
        assertThat(none2).isEmpty();
        assertThatThrownBy(() -> new RequestSpacer(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
