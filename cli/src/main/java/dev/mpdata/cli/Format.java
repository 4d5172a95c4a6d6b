package dev.mpdata.cli;

import java.util.Locale;

/** How results are printed on stdout: chosen with {@code -f/--format}. */
public enum Format {
    /** A JSON array of objects (one object for single results); JSON columns stay JSON. */
    JSON,
    /** One JSON object per line. */
    JSONL,
    /** RFC 4180 CSV with a header line. */
    CSV,
    /** An aligned table with headers, for people. */
    TABLE,
    /** Tab-separated values without a header, for shell pipelines. */
    PLAIN;

    /**
     * Returns the name as typed on the command line.
     *
     * @return e.g. {@code json}
     */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Tells whether this format is for machines (JSON or JSON lines).
     *
     * @return {@code true} for {@link #JSON} and {@link #JSONL}
     */
    public boolean isJson() {
        return this == JSON || this == JSONL;
    }
}
