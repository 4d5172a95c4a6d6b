package dev.mpdata.internal.ingest;

/**
 * The type of a typed property column, as a set of observed JSON kinds. Every kind of value seen for a
 * property sets a bit; the column type is the narrowest one that holds every value seen, so a wider value
 * widens the column (BIGINT, then DOUBLE, then VARCHAR) instead of being lost. Types joined with
 * {@link #join} give the same column type as the union of the values behind them. Not part of the public
 * API.
 *
 * <pre>{@code
 * long seen = PropertyType.INT | PropertyType.DOUBLE;
 * PropertyType.of(seen).sqlType(); // "DOUBLE"
 * }</pre>
 *
 * @param mask the JSON kinds seen: low byte for the value, next byte for the elements of arrays
 */
record PropertyType(long mask) {
    static final long BOOL = 1;
    static final long INT = 2;
    static final long DOUBLE = 4;
    static final long STRING = 8;
    /** A string DuckDB reads as a TIMESTAMP. */
    static final long TIMESTAMP = 16;

    static final long OBJECT = 32;
    static final long ARRAY = 64;
    /** An integer beyond BIGINT. */
    static final long HUGE = 128;

    static final PropertyType VARCHAR = new PropertyType(STRING);

    static PropertyType of(long mask) {
        return new PropertyType(mask);
    }

    private long scalar() {
        return mask & 0xFF;
    }

    private long elements() {
        return (mask >> 8) & 0xFF;
    }

    /** Whether no non-null value was seen. */
    boolean empty() {
        return scalar() == 0;
    }

    /** Whether only nested objects were seen: such properties get no column of their own. */
    boolean objectOnly() {
        return scalar() == OBJECT;
    }

    /** The type that holds the values of both. */
    PropertyType join(PropertyType other) {
        return new PropertyType(canonical().mask | other.canonical().mask);
    }

    /** The mask of exactly the values this column type holds. */
    PropertyType canonical() {
        return empty() ? this : parse(sqlType());
    }

    /** Parses a column type recorded by {@link #sqlType}. */
    static PropertyType parse(String sqlType) {
        long m =
                switch (sqlType) {
                    case "BOOLEAN" -> BOOL;
                    case "BIGINT" -> INT;
                    case "DOUBLE" -> INT | DOUBLE;
                    case "TIMESTAMP" -> TIMESTAMP;
                    case "VARCHAR" -> STRING;
                    case "BOOLEAN[]" -> ARRAY | BOOL << 8;
                    case "BIGINT[]" -> ARRAY | INT << 8;
                    case "DOUBLE[]" -> ARRAY | (INT | DOUBLE) << 8;
                    case "VARCHAR[]" -> ARRAY | STRING << 8;
                    default -> OBJECT | ARRAY;
                };
        return new PropertyType(m);
    }

    /** The DuckDB column type: the narrowest that holds every value seen. */
    String sqlType() {
        long s = scalar();
        if ((s & (OBJECT | ARRAY)) != 0) {
            return s == ARRAY ? listType(elements()) : "JSON";
        }
        if (s == BOOL) {
            return "BOOLEAN";
        }
        if (s == INT) {
            return "BIGINT";
        }
        if ((s & ~(INT | DOUBLE)) == 0) {
            return "DOUBLE";
        }
        if (s == TIMESTAMP) {
            return "TIMESTAMP";
        }
        return "VARCHAR";
    }

    private static String listType(long e) {
        if (e == 0 || e == STRING || e == (STRING | TIMESTAMP) || e == TIMESTAMP) {
            return "VARCHAR[]";
        }
        if (e == BOOL) {
            return "BOOLEAN[]";
        }
        if (e == INT) {
            return "BIGINT[]";
        }
        if ((e & ~(INT | DOUBLE)) == 0) {
            return "DOUBLE[]";
        }
        return "JSON";
    }

    /**
     * The SQL that turns a property's JSON value into this column's value.
     *
     * @param json an expression of type JSON: the property's value, SQL NULL when absent
     */
    String fill(String json) {
        String t = sqlType();
        return switch (t) {
            case "VARCHAR" -> json + "->>'$'";
            case "TIMESTAMP" -> "TRY_CAST(" + json + "->>'$' AS TIMESTAMP)";
            case "JSON" -> "CASE WHEN json_type(" + json + ") <> 'NULL' THEN " + json + " END";
            default -> "TRY_CAST(" + json + " AS " + t + ")";
        };
    }

    /**
     * The SQL that gives a value's kind bit (and, for an array, its elements' bits shifted by 8), for
     * {@code bit_or} over a property's values.
     *
     * @param json an expression of type JSON
     */
    static String kindOf(String json) {
        return "CASE json_type(" + json + ") WHEN 'VARCHAR' THEN CASE WHEN substr(CAST(" + json
                + " AS VARCHAR), 6, 1) = '-' AND TRY_CAST(" + json + "->>'$' AS TIMESTAMP) IS NOT NULL THEN "
                + TIMESTAMP + " ELSE " + STRING + " END"
                + " WHEN 'UBIGINT' THEN CASE WHEN TRY_CAST(" + json + " AS BIGINT) IS NULL THEN " + HUGE + " ELSE "
                + INT + " END"
                + " WHEN 'ARRAY' THEN " + ARRAY + " | (coalesce(list_bit_or(list_transform(CAST(" + json
                + " AS JSON[]), lambda e: " + scalarKind("e") + ")), 0) << 8)"
                + " ELSE " + scalarKind(json) + " END";
    }

    /**
     * The SQL that gives a value's kind bit from its JSON type name alone (as {@code json_type} names it),
     * without looking at the value: a string counts as {@link #STRING} though it may be a TIMESTAMP, an
     * array as {@link #ARRAY} without its elements, and an unsigned integer as {@link #HUGE} though it may
     * fit BIGINT. A column whose bits hold {@code ARRAY} or {@code HUGE}, or only {@code STRING}, needs
     * {@link #kindOf} over its values to be exact; any other column's type is exact.
     *
     * @param typeName an expression giving {@code json_type}'s name for the value, SQL NULL when absent
     */
    static String kindOfTypeName(String typeName) {
        return "CASE " + typeName + " WHEN 'VARCHAR' THEN " + STRING + " WHEN 'BIGINT' THEN " + INT
                + " WHEN 'DOUBLE' THEN " + DOUBLE + " WHEN 'BOOLEAN' THEN " + BOOL + " WHEN 'OBJECT' THEN " + OBJECT
                + " WHEN 'ARRAY' THEN " + ARRAY + " WHEN 'UBIGINT' THEN " + HUGE + " ELSE 0 END";
    }

    private static String scalarKind(String json) {
        return "CASE json_type(" + json + ") WHEN 'BOOLEAN' THEN " + BOOL + " WHEN 'BIGINT' THEN " + INT
                + " WHEN 'UBIGINT' THEN " + INT + " WHEN 'DOUBLE' THEN " + DOUBLE + " WHEN 'VARCHAR' THEN " + STRING
                + " WHEN 'OBJECT' THEN " + OBJECT + " WHEN 'ARRAY' THEN " + ARRAY + " ELSE 0 END";
    }
}
