package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.query.LexiconSchema;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mp inspect lexicon-schemas}: List the Lexicon schemas, optionally of one entity type. */
@Command(name = "lexicon-schemas", description = "List the Lexicon schemas, optionally of one entity type.")
public final class InspectLexiconSchemasCommand extends ApiCommand {
    @Option(names = "--type", paramLabel = "TYPE", description = "event or profile.")
    String type;

    /** Creates the command (picocli instantiates it). */
    public InspectLexiconSchemasCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openApi()) {
            if (type != null && !List.of("event", "profile").contains(type)) {
                throw usage("--type must be event or profile, got " + type);
            }
            frame(LexiconSchema.toDataFrame(ws.lexiconSchemas(type)));
        }
        return 0;
    }
}
