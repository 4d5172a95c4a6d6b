package dev.mpdata.internal.engage;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One page of Engage results. Each profile is the raw JSON text of one result object exactly as Mixpanel
 * sent it, e.g. {@code {"$distinct_id":"user_1","$properties":{"$email":"a@b.c"}}}, so that nothing is
 * lost or reformatted before the fetch layer parses it.
 *
 * <pre>{@code
 * EngagePage first = client.engage().page(query, 0, null);
 * EngagePage second = client.engage().page(query, 1, first.sessionId());
 * }</pre>
 *
 * @param page the page number, 0-based
 * @param pageSize the page size Mixpanel uses (a page with fewer profiles is the last)
 * @param sessionId the session to pass when asking for later pages
 * @param total the number of matching profiles: Mixpanel sends it on page 0 only
 * @param profiles the raw JSON of each profile on this page
 * @param attempts HTTP attempts made for this page, including the successful one
 */
public record EngagePage(
        int page, int pageSize, String sessionId, OptionalLong total, List<String> profiles, int attempts) {

    /**
     * Copies the profile list.
     *
     * @param page see the record component
     * @param pageSize see the record component
     * @param sessionId see the record component
     * @param total see the record component
     * @param profiles see the record component
     * @param attempts see the record component
     */
    public EngagePage {
        Objects.requireNonNull(total, "total");
        profiles = List.copyOf(profiles);
    }

    /**
     * Returns the number of retries this page needed.
     *
     * @return {@code attempts - 1}
     */
    public int retries() {
        return attempts - 1;
    }
}
