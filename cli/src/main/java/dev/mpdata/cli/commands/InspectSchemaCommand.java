package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.storage.ColumnInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mp inspect schema TABLE}: a table's columns and their DuckDB types. */
@Command(
        name = "schema",
        description =
                "Show a table's columns with type, nullability, primary key and the property a typed column holds.")
public final class InspectSchemaCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TABLE", description = "The table.")
    String table;

    /** Creates the command (picocli instantiates it). */
    public InspectSchemaCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openWorkspace(true)) {
            List<List<Object>> rows = new ArrayList<>();
            for (ColumnInfo c : ws.tableSchema(table).columns()) {
                rows.add(Arrays.asList(c.name(), c.type(), c.nullable(), c.primaryKey(), c.property()));
            }
            output().rows(List.of("column", "type", "nullable", "primary_key", "property"), new boolean[5], rows);
        }
        return 0;
    }
}
