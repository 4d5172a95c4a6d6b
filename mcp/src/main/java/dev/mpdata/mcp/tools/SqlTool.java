package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Rows;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolException;
import dev.mpdata.mcp.ToolSpec;
import java.sql.Statement;
import java.util.Map;

/**
 * {@code sql}: one DuckDB statement on the local tables, bounded in rows and time. Read-only unless the
 * server allows writes and the call asks for them; files and the network are out of reach either way.
 */
public final class SqlTool implements McpTool {
    /** Creates the tool. */
    public SqlTool() {}

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("sql")
                .title("Query the local tables with SQL")
                .description("Runs one DuckDB SQL statement on the local tables and returns at most max_rows rows"
                        + " plus the total row count. Prefer aggregates (GROUP BY, count, approx_count_distinct)"
                        + " over raw rows. Events: event_name, event_time (TIMESTAMP), distinct_id, insert_id,"
                        + " properties (JSON: properties->>'$.country'). Runs in a sandbox: read-only, one statement,"
                        + " at most 30 s (then cancelled), no file or network access (read_csv, COPY, ATTACH and"
                        + " INSTALL are refused). write: true is refused unless the server was started with"
                        + " --allow-write.")
                .input(Schema.object()
                        .string("query", "The SQL statement", true)
                        .integer("max_rows", "Rows to return (default 100, at most 10000)", 1, 10_000, false)
                        .bool("write", "Allow the statement to change tables (needs --allow-write)", false)
                        .build())
                .output(Rows.schema())
                .destructive()
                .build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        String sql = call.string("query");
        int max = call.integer(
                "max_rows", call.options().defaultRows(), 1, call.options().maxRows());
        boolean write = call.bool("write", false);
        if (write && !call.options().allowWrite()) {
            throw new ToolException(
                    "write: true is refused: this server was started read-only",
                    "run the statement without write, or ask the user to restart with mp mcp --allow-write");
        }
        if (write) {
            // Writing runs on the database opened for writing, still with no file or network access: the
            // setting is made and locked before the statement, and dies with this call's workspace.
            Map<String, Object> out = call.writeDatabase(ws -> {
                try (Statement st = ws.connection().createStatement()) {
                    st.execute("SET enable_external_access = false");
                    st.execute("SET lock_configuration = true");
                }
                return Rows.query(ws, sql, max, call);
            });
            call.tablesChanged();
            return out;
        }
        // The sandbox: read-only, no file or network access (locked by DuckDB), one statement that reads.
        return call.readDatabase(ws -> Rows.query(ws, sql, max, call));
    }
}
