package dev.mpdata.internal.ingest;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.Identifiers;
import dev.mpdata.internal.sql.Interrupter;
import dev.mpdata.storage.RawLoad;
import dev.mpdata.storage.RejectedRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Stages one raw file with DuckDB's JSON reader, then takes the lines that cannot be kept out of the stage
 * and describes the first few of them by line number and text.
 */
final class RawFileLoader {
    /** What the first bytes of a file say: Parquet, compressed or not, array or lines, or nothing at all. */
    private record Sniff(boolean gzip, boolean array, boolean empty, boolean parquet) {
        String compression() {
            return gzip ? "gzip" : "none";
        }
    }

    /** A skipped record as the JSON reader numbers it (blank lines not counted), and why it was skipped. */
    private record Skipped(long record, String reason) {}

    /** A non-blank line of the file: its physical line number and its text, cut to a readable length. */
    private record SourceLine(long line, String text) {}

    private final Database db;
    private final Layout layout;
    private final String stage;

    RawFileLoader(Database db, Layout layout, String stage) {
        this.db = db;
        this.layout = layout;
        this.stage = stage;
    }

    /**
     * Stages {@code file} with ordinals after {@code base}.
     *
     * @return the load, whose {@link RawLoad#rows()} plus {@link RawLoad#rejected()} is the number of
     *     ordinals used
     */
    RawLoad load(Path file, boolean timeInMs, long base) {
        if (!Files.isRegularFile(file)) {
            throw new MixpanelDataException(
                    ErrorCode.FILE_NOT_FOUND, "No such file: " + file, Map.of("path", file.toString()), null);
        }
        Sniff sniff = sniff(file);
        if (sniff.empty()) {
            return new RawLoad(file, 0, 0, List.of(), false);
        }
        String src = Identifiers.literal(file.toAbsolutePath().toString());
        String select = sniff.parquet()
                ? layout.parquetSelect(src, base)
                : layout.rawSelect(
                        src + ", compression=" + Identifiers.literal(sniff.compression()),
                        sniff.array() ? "array" : "newline_delimited",
                        timeInMs,
                        base);
        long total;
        try (Statement st = db.statement()) {
            total = st.executeLargeUpdate("INSERT INTO temp." + stage + " " + select);
        } catch (SQLException e) {
            if (db.interrupter().isCancelled()) {
                throw Interrupter.interrupted(e);
            }
            throw new MixpanelDataException(
                    ErrorCode.INVALID_FILE,
                    "Cannot read " + file + ": " + e.getMessage(),
                    Map.of("path", file.toString()),
                    e);
        }
        return db.pool().withSmallerPool(Stage.READ_BACK_POOL_SHARE, () -> collectRejects(file, sniff, base, total));
    }

    private RawLoad collectRejects(Path file, Sniff sniff, long base, long total) {
        String rejectedHere = " WHERE reject IS NOT NULL AND ord > " + base;
        long rejected;
        try (Statement st = db.statement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM temp." + stage + rejectedHere)) {
            rs.next();
            rejected = rs.getLong(1);
        } catch (SQLException e) {
            throw db.translate(e, "count rejected lines");
        }
        if (rejected == 0) {
            return new RawLoad(file, total, 0, List.of(), false);
        }
        List<Skipped> skipped = new ArrayList<>();
        boolean lastRejected;
        try (Statement st = db.statement()) {
            try (ResultSet rs = st.executeQuery("SELECT ord - " + base + ", reject FROM temp." + stage + rejectedHere
                    + " ORDER BY ord LIMIT " + RawLoad.MAX_DETAILS)) {
                while (rs.next()) {
                    skipped.add(new Skipped(rs.getLong(1), rs.getString(2)));
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM temp." + stage + " WHERE reject IS NOT NULL AND ord = " + (base + total))) {
                rs.next();
                lastRejected = rs.getLong(1) > 0;
            }
            st.executeUpdate("DELETE FROM temp." + stage + rejectedHere);
        } catch (SQLException e) {
            throw db.translate(e, "collect rejected lines");
        }
        return new RawLoad(file, total - rejected, rejected, describe(file, sniff, skipped), lastRejected);
    }

    /**
     * Maps the JSON reader's record ordinals (which skip blank lines) back to physical line numbers and
     * fetches each skipped line's text. Runs only when something was skipped, so its cost does not matter.
     */
    private List<RejectedRecord> describe(Path file, Sniff sniff, List<Skipped> skipped) {
        List<RejectedRecord> out = new ArrayList<>();
        if (sniff.array()) {
            for (Skipped s : skipped) {
                out.add(new RejectedRecord(s.record(), s.reason(), null));
            }
            return out;
        }
        Map<Long, SourceLine> lines = sourceLines(file, sniff, skipped);
        for (Skipped s : skipped) {
            SourceLine l = lines.get(s.record());
            out.add(
                    l == null
                            ? new RejectedRecord(s.record(), s.reason(), null)
                            : new RejectedRecord(l.line(), s.reason(), l.text()));
        }
        return out;
    }

    /** The skipped records' lines, by record number; empty when the file cannot be read again. */
    private Map<Long, SourceLine> sourceLines(Path file, Sniff sniff, List<Skipped> skipped) {
        StringBuilder in = new StringBuilder();
        for (Skipped s : skipped) {
            in.append(in.length() == 0 ? "" : ",").append(s.record());
        }
        String sql = "SELECT rec, line, l FROM (SELECT row_number() OVER (ORDER BY line) AS rec, line, l FROM"
                + " read_csv(" + Identifiers.literal(file.toAbsolutePath().toString()) + ", columns={'l': 'VARCHAR'},"
                + " delim=chr(1), quote='', escape='', header=false, auto_detect=false, strict_mode=false,"
                + " null_padding=true, compression=" + Identifiers.literal(sniff.compression()) + ")"
                + " WITH ORDINALITY AS t(l, line) WHERE l IS NOT NULL AND trim(l, ' \t\r') <> '')"
                + " WHERE rec IN (" + in + ") ORDER BY rec";
        Map<Long, SourceLine> found = new HashMap<>();
        try (Statement st = db.statement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String text = rs.getString(3);
                if (text != null && text.length() > 200) {
                    text = text.substring(0, 200) + "…";
                }
                found.put(rs.getLong(1), new SourceLine(rs.getLong(2), text));
            }
        } catch (SQLException e) {
            // The details are a courtesy; the count and reasons stand without them.
            found.clear();
        }
        return found;
    }

    /**
     * Looks at the first bytes: Parquet's magic, gzip's magic, then the first non-blank character of the
     * content.
     */
    private static Sniff sniff(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(4);
            byte[] head = raw.readNBytes(4);
            raw.reset();
            if (head.length == 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
                return new Sniff(false, false, false, true);
            }
            int b0 = head.length > 0 ? head[0] & 0xff : -1;
            int b1 = head.length > 1 ? head[1] & 0xff : -1;
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            try (InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
                int c;
                do {
                    c = in.read();
                } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
                return new Sniff(gzip, c == '[', c == -1, false);
            }
        } catch (IOException e) {
            throw new MixpanelDataException(
                    ErrorCode.INVALID_FILE,
                    "Cannot read " + file + ": " + e.getMessage(),
                    Map.of("path", file.toString()),
                    e);
        }
    }
}
