package dev.mpdata.lake;

import java.util.Objects;

/**
 * How to export a table: file format, partitioning, and whether an existing non-empty destination may be
 * replaced. Defaults: Parquet, by day, no overwrite.
 *
 * <pre>{@code
 * ws.export("events", Path.of("/lake/events"), ExportOptions.builder()
 *         .fileFormat(FileFormat.PARQUET)
 *         .partitionBy(Partitioning.DAY)
 *         .overwrite(true)
 *         .build());
 * }</pre>
 *
 * @param fileFormat the files' format
 * @param partitionBy the folder layout
 * @param overwrite whether a non-empty destination is replaced (as a whole, atomically) rather than refused
 */
public record ExportOptions(FileFormat fileFormat, Partitioning partitionBy, boolean overwrite) {
    /** Validates. */
    public ExportOptions {
        Objects.requireNonNull(fileFormat, "fileFormat");
        Objects.requireNonNull(partitionBy, "partitionBy");
    }

    /**
     * Returns the defaults: Parquet, by day, no overwrite.
     *
     * @return the default options
     */
    public static ExportOptions defaults() {
        return builder().build();
    }

    /**
     * Starts from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ExportOptions}. */
    public static final class Builder {
        private FileFormat fileFormat = FileFormat.PARQUET;
        private Partitioning partitionBy = Partitioning.DAY;
        private boolean overwrite;

        private Builder() {}

        /**
         * Sets the file format.
         *
         * @param fileFormat the format
         * @return this builder
         */
        public Builder fileFormat(FileFormat fileFormat) {
            this.fileFormat = fileFormat;
            return this;
        }

        /**
         * Sets the partitioning.
         *
         * @param partitionBy the layout
         * @return this builder
         */
        public Builder partitionBy(Partitioning partitionBy) {
            this.partitionBy = partitionBy;
            return this;
        }

        /**
         * Allows replacing a non-empty destination.
         *
         * @param overwrite whether to
         * @return this builder
         */
        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public ExportOptions build() {
            return new ExportOptions(fileFormat, partitionBy, overwrite);
        }
    }
}
