package dev.mpdata.cli.commands;

import picocli.CommandLine.Command;

/** {@code mp import profiles NAME FILE_OR_DIR...}: Engage-shaped profile files into a profiles table. */
@Command(
        name = "profiles",
        description = "Import profile files ({\"$distinct_id\": ..., \"$properties\": {...}} per record) into a table.")
public final class ImportProfilesCommand extends ImportFilesCommand {
    /** Creates the command (picocli instantiates it). */
    public ImportProfilesCommand() {}

    @Override
    public Integer call() {
        return write.run(
                this,
                "Imported",
                table,
                "files",
                (ws, mode, p) -> ws.importProfiles(table, paths, mode, p, write.typing()));
    }
}
