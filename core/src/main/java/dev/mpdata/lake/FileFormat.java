package dev.mpdata.lake;

import java.util.Locale;

/**
 * The file format of an export: Parquet (zstd), CSV with a header row, or JSON lines.
 *
 * <pre>{@code
 * ExportOptions o = ExportOptions.builder().fileFormat(FileFormat.CSV).build();
 * }</pre>
 */
public enum FileFormat {
    /** Apache Parquet, zstd-compressed; what Spark, Trino and DuckDB read fastest. */
    PARQUET("parquet"),
    /** Comma-separated values with a header row. */
    CSV("csv"),
    /** One JSON object per line, the table's columns as keys. */
    JSONL("jsonl");

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    /**
     * Returns the file name suffix, without the dot.
     *
     * @return {@code parquet}, {@code csv} or {@code jsonl}
     */
    public String extension() {
        return extension;
    }

    /**
     * Parses a name as the CLI spells it ({@code parquet}, {@code csv}, {@code jsonl}), in any case.
     *
     * @param name the name
     * @return the format
     * @throws IllegalArgumentException for another name
     */
    public static FileFormat parse(String name) {
        for (FileFormat f : values()) {
            if (f.extension.equalsIgnoreCase(name.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown file format '" + name + "' (parquet, csv or jsonl)");
    }

    @Override
    public String toString() {
        return extension.toLowerCase(Locale.ROOT);
    }
}
