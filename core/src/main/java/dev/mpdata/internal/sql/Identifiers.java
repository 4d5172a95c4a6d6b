package dev.mpdata.internal.sql;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SQL names and literals for DuckDB: quoting, the rules for table names this library creates, and parsing
 * of the column expressions that {@code Workspace.columnStats} accepts. Not part of the public API: it may
 * change without notice.
 */
public final class Identifiers {
    private static final Pattern TABLE_NAME = Pattern.compile("^[A-Za-z0-9_]+$");

    /**
     * DuckDB's reserved keywords ({@code duckdb_keywords()} of category {@code reserved}): a table of such
     * a name works in this library's commands, which quote every name, but not in the SQL users write
     * against it, so it is refused at creation. A test keeps the list equal to the engine's.
     */
    public static final Set<String> RESERVED = Set.of(
            "all",
            "analyse",
            "analyze",
            "and",
            "any",
            "array",
            "as",
            "asc",
            "asymmetric",
            "both",
            "case",
            "cast",
            "check",
            "collate",
            "column",
            "constraint",
            "create",
            "default",
            "deferrable",
            "desc",
            "describe",
            "distinct",
            "do",
            "else",
            "end",
            "except",
            "false",
            "fetch",
            "for",
            "foreign",
            "from",
            "group",
            "having",
            "in",
            "initially",
            "intersect",
            "into",
            "lambda",
            "lateral",
            "leading",
            "limit",
            "not",
            "null",
            "offset",
            "on",
            "only",
            "or",
            "order",
            "pivot",
            "pivot_longer",
            "pivot_wider",
            "placing",
            "primary",
            "qualify",
            "references",
            "returning",
            "select",
            "show",
            "some",
            "summarize",
            "symmetric",
            "table",
            "then",
            "to",
            "trailing",
            "true",
            "union",
            "unique",
            "unpivot",
            "using",
            "variadic",
            "when",
            "where",
            "window",
            "with");

    private Identifiers() {}

    /**
     * Double-quotes a name for DuckDB, so that any table or column name is safe inside SQL text.
     *
     * <pre>{@code
     * Identifiers.quote("my \"odd\" table"); // "my ""odd"" table"
     * }</pre>
     *
     * @param name the name
     * @return the quoted name
     */
    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * Single-quotes a string literal for DuckDB.
     *
     * @param text the text
     * @return the literal
     */
    public static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    /**
     * Checks that a name is usable at all: not null, not blank, no control characters. Quoting makes any
     * other name safe, and DuckDB itself says whether such a table exists.
     *
     * @param kind what the name names, for the message ({@code table}, {@code column})
     * @param name the name
     * @return the name
     * @throws MixpanelDataException with code {@link ErrorCode#INVALID_IDENTIFIER}
     */
    public static String check(String kind, String name) {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            throw new MixpanelDataException(
                    ErrorCode.INVALID_IDENTIFIER,
                    "Invalid " + kind + " name '" + name + "'",
                    Map.of(kind, String.valueOf(name)),
                    null);
        }
        return name;
    }

    /**
     * Checks a table name the engine is asked to create or drop: letters, digits and underscores, not
     * starting with an underscore (those names are reserved for the engine's own tables such as
     * {@code _metadata}), nor with a digit, and not one of DuckDB's {@link #RESERVED} words: such names
     * would need quoting in every query a user writes. Names compare without regard to case, as DuckDB's
     * do, so {@code EV} and {@code ev} are one table.
     *
     * <pre>{@code
     * Identifiers.checkTableName("events_2024"); // fine
     * Identifiers.checkTableName("_metadata");   // throws
     * }</pre>
     *
     * @param name the table name
     * @throws MixpanelDataException with code {@link ErrorCode#INVALID_TABLE_NAME}
     */
    public static void checkTableName(String name) {
        if (name == null || !TABLE_NAME.matcher(name).matches()) {
            throw new MixpanelDataException(
                    ErrorCode.INVALID_TABLE_NAME,
                    "Invalid table name '" + name + "': use letters, digits and underscores only",
                    Map.of("table", String.valueOf(name)),
                    null);
        }
        if (name.startsWith("_")) {
            throw new MixpanelDataException(
                    ErrorCode.INVALID_TABLE_NAME,
                    "Invalid table name '" + name + "': names starting with '_' are reserved",
                    Map.of("table", name),
                    null);
        }
        if (Character.isDigit(name.charAt(0))) {
            throw new MixpanelDataException(
                    ErrorCode.INVALID_TABLE_NAME,
                    "Invalid table name '" + name + "': a name starting with a digit would need double quotes in"
                            + " every query; start it with a letter",
                    Map.of("table", name),
                    null);
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new MixpanelDataException(
                    ErrorCode.INVALID_TABLE_NAME,
                    "Invalid table name '" + name + "': it is a reserved word in DuckDB's SQL and would need double"
                            + " quotes in every query; choose another name, e.g. '" + name + "_events'",
                    Map.of("table", name),
                    null);
        }
    }

    /**
     * A column expression split into a column and an optional JSON path inside it.
     *
     * @param column the table column
     * @param jsonPath the path segments inside the column's JSON, empty for the column itself
     */
    public record ColumnPath(String column, List<String> jsonPath) {
        /** Copies the path. */
        public ColumnPath {
            jsonPath = List.copyOf(jsonPath);
        }

        /**
         * Returns DuckDB's JSON path for the segments, each quoted so that keys such as {@code $browser} or
         * keys holding dots work: {@code $."$browser"}.
         *
         * @return the path, e.g. {@code $."country"}
         */
        public String duckDbPath() {
            StringBuilder sb = new StringBuilder("$");
            for (String seg : jsonPath) {
                sb.append(".\"").append(seg.replace("\"", "\\\"")).append('"');
            }
            return sb.toString();
        }

        /**
         * Returns the SQL expression for the value: the quoted column, or its JSON value as text.
         *
         * @return e.g. {@code "properties" ->> '$."country"'}
         */
        public String sql() {
            if (jsonPath.isEmpty()) {
                return quote(column);
            }
            return quote(column) + " ->> " + literal(duckDbPath());
        }
    }

    /**
     * Parses a column expression: a column name ({@code distinct_id}), a column and a path
     * ({@code properties.country}, {@code properties."$browser"}, {@code properties.address.city}), or a JSON
     * path into {@code defaultJsonColumn} ({@code $.country}, {@code $."$browser"}). Segments may be
     * double-quoted to hold dots or start with {@code $}.
     *
     * <pre>{@code
     * Identifiers.parseColumnPath("properties.country", "properties"); // ColumnPath[properties, [country]]
     * Identifiers.parseColumnPath("$.$browser", "properties");         // ColumnPath[properties, [$browser]]
     * }</pre>
     *
     * @param expr the expression
     * @param defaultJsonColumn the column that a bare {@code $.} path refers to
     * @return the parsed expression
     * @throws MixpanelDataException with code {@link ErrorCode#INVALID_IDENTIFIER} when malformed
     */
    public static ColumnPath parseColumnPath(String expr, String defaultJsonColumn) {
        check("column", expr);
        String e = expr.strip();
        if (e.equals("$")) {
            return new ColumnPath(defaultJsonColumn, List.of());
        }
        List<String> segs;
        if (e.startsWith("$.")) {
            segs = split(expr, e.substring(2));
            return new ColumnPath(defaultJsonColumn, segs);
        }
        segs = split(expr, e);
        return new ColumnPath(segs.get(0), segs.subList(1, segs.size()));
    }

    private static List<String> split(String original, String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == '.') {
                out.add(segment(original, cur, wasQuoted));
                cur.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted) {
                throw invalid(original, "text after a quoted segment");
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw invalid(original, "unclosed quote");
        }
        out.add(segment(original, cur, wasQuoted));
        return out;
    }

    private static String segment(String original, StringBuilder cur, boolean wasQuoted) {
        if (cur.length() == 0 && !wasQuoted) {
            throw invalid(original, "empty segment");
        }
        return cur.toString();
    }

    private static MixpanelDataException invalid(String expr, String why) {
        return new MixpanelDataException(
                ErrorCode.INVALID_IDENTIFIER,
                "Invalid column or JSON path '" + expr + "': " + why
                        + " (use a column name, properties.key, or $.key; quote keys with dots: properties.\"a.b\")",
                Map.of("expression", expr),
                null);
    }
}
