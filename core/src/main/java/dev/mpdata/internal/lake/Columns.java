package dev.mpdata.internal.lake;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The column list that export and lake fetch both write, so that a lake written either way has one schema:
 * every column of the table in order, JSON columns as plain strings (engines without DuckDB's JSON type
 * read them as strings and parse them with their own JSON functions).
 */
final class Columns {
    private Columns() {}

    /** A column's name and DuckDB type. */
    record Column(String name, String type) {}

    static List<Column> of(Connection c, String relation) throws SQLException {
        List<Column> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("DESCRIBE " + relation)) {
            while (rs.next()) {
                out.add(new Column(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    /** The SELECT list: each column, JSON ones cast to VARCHAR under the same name. */
    static String selectList(List<Column> columns) {
        StringBuilder b = new StringBuilder();
        for (Column col : columns) {
            if (b.length() > 0) {
                b.append(", ");
            }
            String q = ident(col.name());
            b.append(col.type().equals("JSON") ? "CAST(" + q + " AS VARCHAR) AS " + q : q);
        }
        return b.toString();
    }

    static boolean has(List<Column> columns, String name) {
        return columns.stream().anyMatch(c -> c.name().equals(name));
    }

    static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String s) {
        return '\'' + s.replace("'", "''") + '\'';
    }
}
