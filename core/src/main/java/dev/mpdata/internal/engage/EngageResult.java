package dev.mpdata.internal.engage;

import java.util.OptionalLong;

/**
 * What {@link EngageApi#all} delivered.
 *
 * <pre>{@code
 * EngageResult r = client.engage().all(EngageQuery.all(), sink);
 * System.out.println(r.profiles() + " profiles in " + r.pages() + " pages, " + r.retries() + " retries");
 * }</pre>
 *
 * @param pages pages delivered to the sink
 * @param profiles profiles delivered to the sink
 * @param total the total Mixpanel announced on page 0, if it did
 * @param retries retries needed across all pages
 */
public record EngageResult(int pages, long profiles, OptionalLong total, int retries) {}
