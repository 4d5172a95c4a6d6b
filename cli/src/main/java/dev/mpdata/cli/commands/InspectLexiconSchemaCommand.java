package dev.mpdata.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mp inspect lexicon-schema}: Show one Lexicon schema: its properties with type and description. */
@Command(name = "lexicon-schema", description = "Show one Lexicon schema: its properties with type and description.")
public final class InspectLexiconSchemaCommand extends ApiCommand {
    @Option(names = "--type", required = true, paramLabel = "T", description = "event or profile.")
    String type;

    @Option(names = "--name", required = true, paramLabel = "N", description = "The event name, or $user for profiles.")
    String name;

    /** Creates the command (picocli instantiates it). */
    public InspectLexiconSchemaCommand() {}

    @Override
    public Integer call() {
        return report(ws -> ws.lexiconSchema(type, name).propertiesDataFrame());
    }
}
