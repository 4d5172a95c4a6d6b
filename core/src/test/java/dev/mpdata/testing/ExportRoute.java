package dev.mpdata.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /api/2.0/export}: the days of the range as NDJSON, chunked, gzipped when asked for. Unfiltered
 * days are sent as stored bytes (or their cached gzip member), so serving a million events costs almost no
 * CPU; lines are only parsed when a request filters ({@code event}, {@code limit}, {@code time_in_ms}) or a
 * line-level fault applies.
 */
final class ExportRoute implements Route {
    private static final byte[] TERMINATED = "terminated early".getBytes(StandardCharsets.UTF_8);
    private static final byte[][] MALFORMED = {
        "{\"event\":\"Broken\",\"properties\":{\"time\":".getBytes(StandardCharsets.UTF_8),
        "not json at all".getBytes(StandardCharsets.UTF_8),
    };

    private final FakeData data;
    private final AtomicLong bytesSent;

    ExportRoute(FakeData data, AtomicLong bytesSent) {
        this.data = data;
        this.bytesSent = bytesSent;
    }

    @Override
    public void serve(Exchange ex) throws IOException {
        LocalDate from = Exchange.parseDate(ex.param("from_date"));
        LocalDate to = Exchange.parseDate(ex.param("to_date"));
        Faults.Plan plan = ex.plan();
        if (ex.param("from_date") == null || ex.param("to_date") == null) {
            ex.error(400, "'from_date' and 'to_date' are required parameters");
            return;
        }
        if (from == null || to == null) {
            ex.error(400, "dates must be in yyyy-mm-dd format");
            return;
        }
        if (to.isAfter(data.today())) {
            ex.error(400, "to_date cannot be later than today");
            return;
        }
        if (from.isAfter(to)) {
            ex.error(400, "from_date cannot be later than to_date");
            return;
        }
        Set<String> eventFilter = null;
        if (ex.param("event") != null) {
            try {
                JsonNode arr = Exchange.JSON.readTree(ex.param("event"));
                if (arr == null || !arr.isArray()) {
                    throw new IllegalArgumentException();
                }
                eventFilter = new HashSet<>();
                for (JsonNode n : arr) {
                    eventFilter.add(n.asText());
                }
            } catch (JsonProcessingException | IllegalArgumentException e) {
                ex.error(400, "'event' must be a JSON array of event names");
                return;
            }
        }
        Long limit = null;
        if (ex.param("limit") != null) {
            try {
                limit = Long.parseLong(ex.param("limit"));
            } catch (NumberFormatException e) {
                ex.error(400, "'limit' must be an integer");
                return;
            }
        }
        boolean timeInMs = "true".equalsIgnoreCase(ex.param("time_in_ms"));
        Collection<FakeData.Day> range = data.days(from, to);
        boolean slow = eventFilter != null
                || limit != null
                || timeInMs
                || plan.terminatedAfter >= 0
                || plan.malformed > 0
                || plan.duplicates > 0;
        boolean empty = range.stream().allMatch(d -> d.plain.length == 0);
        boolean useGzip = ex.gzip() && (slow || !empty);
        ex.http().getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (useGzip) {
            ex.http().getResponseHeaders().set("Content-Encoding", "gzip");
        }
        ex.http().sendResponseHeaders(200, 0);
        FaultStream wire = new FaultStream(ex.http().getResponseBody(), plan, bytesSent);
        if (!slow) {
            for (FakeData.Day d : range) {
                wire.write(useGzip ? d.gzip() : d.plain);
            }
            wire.flush();
            return;
        }
        OutputStream out = useGzip ? new GZIPOutputStream(wire, 64 * 1024) : wire;
        LineWriter w = new LineWriter(out, plan, eventFilter, limit, timeInMs);
        w.writeAll(range);
        out.flush();
        if (out instanceof GZIPOutputStream g) {
            g.finish();
        }
        wire.flush();
    }

    /** Writes export lines through filters and line-level faults. */
    private static final class LineWriter {
        private final OutputStream out;
        private final Faults.Plan plan;
        private final Set<String> eventFilter;
        private final Long limit;
        private final boolean timeInMs;
        private final List<byte[]> firstLines = new ArrayList<>();
        private long written;

        LineWriter(OutputStream out, Faults.Plan plan, Set<String> eventFilter, Long limit, boolean timeInMs) {
            this.out = out;
            this.plan = plan;
            this.eventFilter = eventFilter;
            this.limit = limit;
            this.timeInMs = timeInMs;
        }

        void writeAll(Collection<FakeData.Day> days) throws IOException {
            if (plan.terminatedAfter == 0) {
                out.write(TERMINATED);
                return;
            }
            outer:
            for (FakeData.Day d : days) {
                byte[] b = d.plain;
                int start = 0;
                for (int i = 0; i < b.length; i++) {
                    if (b[i] != '\n') {
                        continue;
                    }
                    int len = i - start;
                    int from = start;
                    start = i + 1;
                    if (len == 0) {
                        continue;
                    }
                    byte[] line = transform(b, from, len);
                    if (line == null) {
                        continue;
                    }
                    if (limit != null && written >= limit) {
                        break outer;
                    }
                    out.write(line);
                    out.write('\n');
                    written++;
                    if (firstLines.size() < plan.duplicates) {
                        firstLines.add(line);
                    }
                    if (written == 1) {
                        for (int m = 0; m < plan.malformed; m++) {
                            out.write(MALFORMED[m % MALFORMED.length]);
                            out.write('\n');
                        }
                    }
                    if (plan.terminatedAfter > 0 && written == plan.terminatedAfter) {
                        out.write(TERMINATED);
                        return;
                    }
                }
            }
            for (byte[] line : firstLines) {
                out.write(line);
                out.write('\n');
            }
            if (plan.terminatedAfter > 0) {
                out.write(TERMINATED);
            }
        }

        /** Returns the line to send, or {@code null} when filtered out. */
        private byte[] transform(byte[] b, int from, int len) {
            if (eventFilter == null && !timeInMs) {
                return Arrays.copyOfRange(b, from, from + len);
            }
            JsonNode node;
            try {
                node = Exchange.JSON.readTree(b, from, len);
            } catch (IOException e) {
                return Arrays.copyOfRange(b, from, from + len);
            }
            if (eventFilter != null && !eventFilter.contains(node.path("event").asText())) {
                return null;
            }
            if (timeInMs && node.path("properties").path("time").isNumber()) {
                long t = node.path("properties").path("time").asLong();
                ((ObjectNode) node.get("properties")).put("time", t > 100_000_000_000L ? t : t * 1000);
            }
            try {
                return Exchange.JSON.writeValueAsBytes(node);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
