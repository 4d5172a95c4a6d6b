package dev.mpdata.internal.ingest;

import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.Identifiers;
import dev.mpdata.internal.sql.Interrupter;
import dev.mpdata.internal.sql.Sizes;
import dev.mpdata.internal.sql.SqlErrors;
import dev.mpdata.storage.RawLoad;
import dev.mpdata.storage.RejectedRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stages one raw file with DuckDB's JSON reader, then takes the lines that cannot be kept out of the stage
 * and describes the first few of them by line number and text.
 */
final class RawFileLoader {
    /** What the first bytes of a file say: compressed or not, array or lines, or nothing at all. */
    private record Sniff(boolean gzip, boolean array, boolean empty) {
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
        try (RawInput in = RawInput.open(file, db.scratchDir())) {
            // A Parquet file has no lines to quote, so its rejects are described like an array's.
            Sniff sniff = new Sniff(in.compression().equals("gzip"), in.array() || in.parquet(), in.empty());
            if (sniff.empty()) {
                return new RawLoad(file, 0, 0, List.of(), false);
            }
            Path readable = in.readable();
            String src = Identifiers.literal(readable.toAbsolutePath().toString());
            String select = in.parquet()
                    ? layout.parquetSelect(src, base)
                    : layout.rawSelect(
                            src + ", compression=" + Identifiers.literal(sniff.compression()),
                            sniff.array() ? "array" : "newline_delimited",
                            timeInMs,
                            base);
            long total;
            try {
                total = insert(select);
            } catch (SQLException e) {
                if (db.interrupter().isCancelled()) {
                    throw Interrupter.interrupted(e);
                }
                if (sniff.array() || !InputErrors.outOfMemory(e)) {
                    throw InputErrors.cannotRead(db, file, e);
                }
                return loadCuttingLongLines(file, in, timeInMs, base, e);
            }
            return db.pool()
                    .withSmallerPool(
                            Stage.READ_BACK_POOL_SHARE, () -> collectRejects(file, readable, sniff, base, total));
        }
    }

    private long insert(String select) throws SQLException {
        try (Statement st = db.statement()) {
            return st.executeLargeUpdate("INSERT INTO temp." + stage + " " + select);
        }
    }

    /**
     * The load again after running out of memory, from a copy with every line longer than
     * {@link #maxLineBytes()} cut short, those lines rejected as too large. Runs only after a failure, so a
     * load without huge lines never pays for the copy.
     */
    private RawLoad loadCuttingLongLines(Path file, RawInput in, boolean timeInMs, long base, SQLException first) {
        LongLines cut;
        try {
            cut = LongLines.copy(in.readable(), in.compression().equals("gzip"), maxLineBytes(), db.scratchDir());
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("No space left on device")) {
                throw SqlErrors.tempDiskFull(db.tempFolder(), db.path(), "copy " + file, e.getMessage(), e);
            }
            throw InputErrors.cannotRead(db, file, first);
        }
        try {
            if (cut.records().isEmpty()) {
                throw InputErrors.cannotRead(db, file, first);
            }
            String src = Identifiers.literal(cut.file().toAbsolutePath().toString()) + ", compression='none'";
            long total;
            try {
                total = insert(layout.rawSelect(src, "newline_delimited", timeInMs, base));
                try (PreparedStatement ps =
                        db.connection().prepareStatement("UPDATE temp." + stage + " SET reject = ? WHERE ord = ?")) {
                    for (int i = 0; i < cut.records().size(); i++) {
                        ps.setString(
                                1,
                                "line too large to load (" + cut.sizes().get(i) + " bytes, more than " + maxLineBytes()
                                        + " at memory limit " + db.pool().limit() + ")");
                        ps.setLong(2, base + cut.records().get(i));
                        ps.executeUpdate();
                    }
                }
            } catch (SQLException e) {
                throw InputErrors.cannotRead(db, file, e);
            }
            Sniff plain = new Sniff(false, false, false);
            return db.pool()
                    .withSmallerPool(
                            Stage.READ_BACK_POOL_SHARE, () -> collectRejects(file, cut.file(), plain, base, total));
        } finally {
            try {
                Files.deleteIfExists(cut.file());
            } catch (IOException e) {
                // A private copy in this process's scratch folder, swept with it.
            }
        }
    }

    /**
     * The longest line loaded whole after a load ran out of memory: DuckDB's JSON reader needs about twenty
     * times a line's size, so a line of a sixty-fourth of the memory limit still fits with room for the
     * rest of the load.
     */
    private long maxLineBytes() {
        return Math.max(64 * 1024, Sizes.parse(db.pool().limit()) / 64);
    }

    private RawLoad collectRejects(Path file, Path readable, Sniff sniff, long base, long total) {
        String rejectedHere = " WHERE reject IS NOT NULL AND ord > " + base;
        long rejected = db.scalarLong("SELECT count(*) FROM temp." + stage + rejectedHere);
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
        return new RawLoad(file, total - rejected, rejected, describe(readable, sniff, skipped), lastRejected);
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

    /**
     * The skipped records' lines, by record number; empty when the file cannot be read again. A file with
     * bytes that are not UTF-8 is read again as Latin-1, where every byte is a character, so that its line
     * numbers still count the blank lines; its text is then decoded as UTF-8 in Java, with replacements.
     */
    private Map<Long, SourceLine> sourceLines(Path file, Sniff sniff, List<Skipped> skipped) {
        StringBuilder in = new StringBuilder();
        for (Skipped s : skipped) {
            in.append(in.length() == 0 ? "" : ",").append(s.record());
        }
        for (String encoding : List.of("utf-8", "latin-1")) {
            String sql = "SELECT rec, line, l FROM (SELECT row_number() OVER (ORDER BY line) AS rec, line, l FROM"
                    + " read_csv(" + Identifiers.literal(file.toAbsolutePath().toString())
                    + ", columns={'l': 'VARCHAR'}, delim=chr(1), quote='', escape='', header=false,"
                    + " auto_detect=false, strict_mode=false, null_padding=true, encoding='" + encoding + "',"
                    + " compression=" + Identifiers.literal(sniff.compression()) + ")"
                    + " WITH ORDINALITY AS t(l, line) WHERE l IS NOT NULL AND trim(l, ' \t\r') <> '')"
                    + " WHERE rec IN (" + in + ") ORDER BY rec";
            Map<Long, SourceLine> found = new HashMap<>();
            try (Statement st = db.statement();
                    ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    String text = rs.getString(3);
                    if (text != null && encoding.equals("latin-1")) {
                        text = new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                    }
                    if (text != null && text.length() > 200) {
                        text = text.substring(0, 200) + "…";
                    }
                    found.put(rs.getLong(1), new SourceLine(rs.getLong(2), text));
                }
                return found;
            } catch (SQLException e) {
                // Not UTF-8 (tried again as Latin-1), or not readable at all: the details are a courtesy,
                // and the count and reasons stand without them.
            }
        }
        return Map.of();
    }
}
