package dev.mpdata.cli.commands;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** What both import commands take: the table, the files or folders, and the write options. */
abstract class ImportFilesCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Table.")
    String table;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE_OR_DIR", description = "Files or folders.")
    List<Path> paths;

    @Mixin
    TableWriteOptions write;
}
