package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.Rows;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.storage.SqlQueries;
import java.util.Map;
import java.util.function.Function;

/** What the tools that read one local table as rows share: the table argument, the spec and the read. */
final class TableRows {
    private TableRows() {}

    /** A read-only spec taking {@code table} and the tool's own arguments, answering with {@link Rows}. */
    static ToolSpec spec(String name, String title, String description, Schema own) {
        return Live.described(name, title, description, own, Rows.schema())
                .readOnly()
                .build();
    }

    /** Starts the input schema with the required {@code table} argument. */
    static Schema table() {
        return Schema.object().string("table", "The table, as list_tables names it", true);
    }

    /**
     * Runs the SQL built from the quoted table name, at most {@code maxRows} rows; a missing table is a clear
     * "no such table" before any SQL runs.
     */
    static Map<String, Object> read(ToolCall call, int maxRows, Function<String, String> sql) throws Exception {
        String table = call.string("table");
        return call.readDatabase(ws -> {
            ws.tableSchema(table);
            return Rows.query(ws, sql.apply(SqlQueries.quoteIdentifier(table)), maxRows, call);
        });
    }
}
