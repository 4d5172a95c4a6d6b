package dev.mpdata.cli.commands;

import dev.mpdata.query.BookmarkInfo;
import dev.mpdata.query.BookmarkType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mp inspect bookmarks}: List the saved reports (bookmarks), optionally of one type. */
@Command(name = "bookmarks", description = "List the saved reports (bookmarks), optionally of one type.")
public final class InspectBookmarksCommand extends ApiCommand {
    @Option(names = "--type", paramLabel = "TYPE", description = "insights, funnels, retention or flows.")
    BookmarkType type;

    /** Creates the command (picocli instantiates it). */
    public InspectBookmarksCommand() {}

    @Override
    public Integer call() {
        return report(ws -> BookmarkInfo.toDataFrame(ws.bookmarks(type)));
    }
}
