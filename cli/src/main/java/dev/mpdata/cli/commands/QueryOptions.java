package dev.mpdata.cli.commands;

import dev.mpdata.query.CountType;
import dev.mpdata.query.QueryUnit;
import java.time.LocalDate;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options several {@code mp query} commands share, one picocli mixin each, so that a command declares
 * only its own options.
 *
 * <pre>{@code
 * @Mixin QueryOptions.Range range;
 * @Mixin QueryOptions.Where where;
 * ...
 * return report(ws -> ws.segmentation(new SegmentationQuery(event, range.from, range.to, ...)).toDataFrame());
 * }</pre>
 */
final class QueryOptions {
    private QueryOptions() {}

    /** The required {@code --from} and {@code --to}. */
    static final class Range {
        @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day, yyyy-mm-dd.")
        LocalDate from;

        @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, yyyy-mm-dd.")
        LocalDate to;
    }

    /** {@code --where}: a Mixpanel filter expression. */
    static final class Where {
        @Option(
                names = "--where",
                paramLabel = "EXPR",
                description = "Filter expression, e.g. properties[\"country\"] == \"US\".")
        String where;
    }

    /** {@code --type}: the count type, general by default. */
    static final class Type {
        @Option(
                names = "--type",
                paramLabel = "T",
                defaultValue = "general",
                description = "general, unique or average (default general).")
        CountType type;
    }

    /**
     * The range, {@code --type} and {@code --unit} of the commands that count events per unit
     * ({@code event-counts}, {@code property-counts}).
     */
    static final class Counted {
        @Mixin
        Range range;

        @Mixin
        Type type;

        @Mixin
        Unit unit;
    }

    /** {@code --unit}: day, week or month, day by default. */
    static final class Unit {
        @Option(
                names = "--unit",
                paramLabel = "U",
                defaultValue = "day",
                description = "day, week or month (default day).")
        QueryUnit unit;
    }
}
