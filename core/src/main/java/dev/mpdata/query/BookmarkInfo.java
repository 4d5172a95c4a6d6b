package dev.mpdata.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * A saved report (bookmark): an insights, funnels, retention or flows report whose id {@code saved-report}
 * queries take. Optional fields are {@code null} when Mixpanel leaves them out.
 *
 * <pre>{@code
 * for (BookmarkInfo b : ws.bookmarks(BookmarkType.FUNNELS)) {
 *     System.out.println(b.id() + " " + b.type() + " " + b.name());
 * }
 * }</pre>
 *
 * @param id the bookmark id
 * @param name the report's name
 * @param type Mixpanel's type text, e.g. {@code insights}, {@code funnels}, {@code launch-analysis}
 * @param projectId the project
 * @param created creation time as Mixpanel writes it
 * @param modified last change as Mixpanel writes it
 * @param workspaceId the workspace, or {@code null}
 * @param dashboardId the dashboard it is on, or {@code null}
 * @param description its description, or {@code null}
 * @param creatorId who made it, or {@code null}
 * @param creatorName their name, or {@code null}
 */
public record BookmarkInfo(
        long id,
        String name,
        String type,
        long projectId,
        String created,
        String modified,
        Long workspaceId,
        Long dashboardId,
        String description,
        Long creatorId,
        String creatorName) {
    /** Checks the fields Mixpanel always sends. */
    public BookmarkInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /**
     * Converts a list to a DataFrame with columns {@code id}, {@code name}, {@code type}, {@code project_id},
     * {@code created}, {@code modified}, {@code workspace_id}, {@code dashboard_id}, {@code description},
     * {@code creator_id}, {@code creator_name}.
     *
     * @param bookmarks the bookmarks
     * @return one row per bookmark, in list order
     */
    public static DataFrame toDataFrame(List<BookmarkInfo> bookmarks) {
        List<Object[]> rows = new ArrayList<>();
        for (BookmarkInfo b : bookmarks) {
            rows.add(new Object[] {
                b.id,
                b.name,
                b.type,
                b.projectId,
                b.created,
                b.modified,
                b.workspaceId,
                b.dashboardId,
                b.description,
                b.creatorId,
                b.creatorName
            });
        }
        return Frames.of(
                List.of(
                        "id",
                        "name",
                        "type",
                        "project_id",
                        "created",
                        "modified",
                        "workspace_id",
                        "dashboard_id",
                        "description",
                        "creator_id",
                        "creator_name"),
                rows);
    }
}
