package dev.mpdata.cli.commands;

import dev.mpdata.query.BookmarkType;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mp query saved-report}: Run a saved report (insights, funnels, retention or flows). */
@Command(name = "saved-report", description = "Run a saved report (insights, funnels, retention or flows).")
public final class QuerySavedReportCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "BOOKMARK_ID", description = "The report (see mp inspect bookmarks).")
    long bookmarkId;

    @Option(
            names = "--type",
            paramLabel = "T",
            description = "insights, funnels, retention or flows (default: looked up).")
    BookmarkType type;

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description = "First day for funnels and retention (default: 30 days ago).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day for funnels and retention (default: today).")
    LocalDate to;

    /** Creates the command (picocli instantiates it). */
    public QuerySavedReportCommand() {}

    @Override
    public Integer call() {
        return report(ws -> ws.savedReport(bookmarkId, type, from, to).toDataFrame());
    }
}
