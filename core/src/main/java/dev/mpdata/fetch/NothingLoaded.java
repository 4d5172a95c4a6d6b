package dev.mpdata.fetch;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.storage.RejectedRecord;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The error of an import whose every line was rejected: storing nothing and reporting success would hide
 * a wrong file or a wrong option, so the import fails, says why the first line was rejected and what to
 * try.
 */
final class NothingLoaded {
    /**
     * The first rejected line of the import.
     *
     * @param file the file it came from
     * @param record the line
     */
    record Reject(Path file, RejectedRecord record) {}

    private NothingLoaded() {}

    /**
     * Builds the error.
     *
     * @param files the import's files
     * @param rejected how many lines were rejected
     * @param first the first rejected line, or {@code null} when none was described
     * @param timeInMs whether milliseconds were forced
     * @return the exception to throw
     */
    static MixpanelDataException error(List<Path> files, long rejected, Reject first, boolean timeInMs) {
        String where = files.size() == 1 ? name(files.get(0)) : files.size() + " files";
        StringBuilder msg = new StringBuilder("Nothing was imported: all ")
                .append(rejected)
                .append(rejected == 1 ? " line of " : " lines of ")
                .append(where)
                .append(" were rejected");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rejected", rejected);
        if (first != null) {
            RejectedRecord r = first.record();
            msg.append(". The first, line ")
                    .append(r.lineNumber())
                    .append(" of ")
                    .append(name(first.file()))
                    .append(", was rejected as: ")
                    .append(r.reason())
                    .append('.');
            details.put("path", first.file().toString());
            details.put("line", r.lineNumber());
            details.put("reason", r.reason());
            msg.append(' ').append(hint(r.reason(), timeInMs));
        }
        return new MixpanelDataException(ErrorCode.INVALID_FILE, msg.toString(), details, null);
    }

    private static String hint(String reason, boolean timeInMs) {
        if (reason.contains("properties.time") && timeInMs) {
            return "The times may be in seconds: try again without --time-in-ms (timeInMs=false), which detects"
                    + " the unit.";
        }
        if (reason.contains("properties.time")) {
            return "Each line needs properties.time as a number: seconds or milliseconds since 1970.";
        }
        if (reason.contains("$distinct_id") || reason.contains("$properties")) {
            return "Is this a profiles file ({\"$distinct_id\": ..., \"$properties\": {...}} per line)?";
        }
        return "Is this a Mixpanel raw export file ({\"event\": ..., \"properties\": {...}} per line), or a"
                + " profiles file to import as profiles?";
    }

    private static String name(Path p) {
        return p.toString().equals("-") ? "standard input" : p.toString();
    }
}
