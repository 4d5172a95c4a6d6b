package dev.mpdata.lake;

/**
 * How an export splits its files into Hive-style folders. Days and months are UTC, as {@code event_time} is.
 *
 * <pre>{@code
 * ExportOptions o = ExportOptions.builder().partitionBy(Partitioning.MONTH).build();
 * // DEST/event_month=2024-01/data_0.parquet
 * }</pre>
 */
public enum Partitioning {
    /** {@code event_date=YYYY-MM-DD} folders, the layout of a lake fetch. */
    DAY("event_date"),
    /** {@code event_month=YYYY-MM} folders. */
    MONTH("event_month"),
    /** {@code event_name=…} folders, the name escaped the way Hive escapes partition values. */
    EVENT("event_name"),
    /** Plain files in DEST, no folders. */
    NONE(null);

    private final String column;

    Partitioning(String column) {
        this.column = column;
    }

    /**
     * Returns the partition column that names the folders.
     *
     * @return the column, or {@code null} for {@link #NONE}
     */
    public String column() {
        return column;
    }

    /**
     * Parses a name as the CLI spells it ({@code day}, {@code month}, {@code event}, {@code none}).
     *
     * @param name the name, in any case
     * @return the partitioning
     * @throws IllegalArgumentException for another name
     */
    public static Partitioning parse(String name) {
        for (Partitioning p : values()) {
            if (p.name().equalsIgnoreCase(name.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown partitioning '" + name + "' (day, month, event or none)");
    }
}
