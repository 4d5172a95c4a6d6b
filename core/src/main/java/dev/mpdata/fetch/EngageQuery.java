package dev.mpdata.fetch;

import java.util.List;

/**
 * Which profiles an Engage (Query Profiles) call selects, and which properties it returns. Every field is
 * optional; an empty query selects every user profile.
 *
 * <pre>{@code
 * EngageQuery q = EngageQuery.builder()
 *         .where("properties[\"plan\"] == \"pro\"")
 *         .outputProperties(List.of("$email", "$last_seen"))
 *         .build();
 * long n = workspace.forEachProfile(q, System.out::println);
 * }</pre>
 *
 * @param where a segmentation expression over profile properties, or {@code null}
 * @param outputProperties properties to return (sent as a JSON array); empty for all
 * @param distinctId a single profile, or {@code null}
 * @param distinctIds these profiles (sent as a JSON array); empty for no such filter
 * @param cohortId profiles in this cohort (sent as {@code filter_by_cohort={"id":N}}), or {@code null}
 * @param behaviors a behaviors expression passed through as is, or {@code null}
 * @param asOfTimestamp evaluate behaviors as of this Unix time (seconds), or {@code null}
 * @param includeAllUsers with a cohort, also return cohort members without a profile; {@code null} leaves
 *     Mixpanel's default (true)
 * @param dataGroupId query group profiles of this data group instead of users, or {@code null}
 */
public record EngageQuery(
        String where,
        List<String> outputProperties,
        String distinctId,
        List<String> distinctIds,
        Long cohortId,
        String behaviors,
        Long asOfTimestamp,
        Boolean includeAllUsers,
        String dataGroupId) {

    /**
     * Copies the lists and checks that {@code includeAllUsers} comes with a cohort.
     *
     * @param where see the record component
     * @param outputProperties see the record component
     * @param distinctId see the record component
     * @param distinctIds see the record component
     * @param cohortId see the record component
     * @param behaviors see the record component
     * @param asOfTimestamp see the record component
     * @param includeAllUsers see the record component
     * @param dataGroupId see the record component
     * @throws IllegalArgumentException when {@code includeAllUsers} is set without {@code cohortId}
     */
    public EngageQuery {
        outputProperties = outputProperties == null ? List.of() : List.copyOf(outputProperties);
        distinctIds = distinctIds == null ? List.of() : List.copyOf(distinctIds);
        if (includeAllUsers != null && cohortId == null) {
            throw new IllegalArgumentException("includeAllUsers is only allowed together with a cohort");
        }
    }

    /**
     * Returns a query selecting every user profile with all properties.
     *
     * @return the empty query
     */
    public static EngageQuery all() {
        return builder().build();
    }

    /**
     * Starts building a query.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link EngageQuery}; see {@link EngageQuery#builder()}. Not thread-safe. */
    public static final class Builder {
        private String where;
        private List<String> outputProperties = List.of();
        private String distinctId;
        private List<String> distinctIds = List.of();
        private Long cohortId;
        private String behaviors;
        private Long asOfTimestamp;
        private Boolean includeAllUsers;
        private String dataGroupId;

        private Builder() {}

        /**
         * Filters with a segmentation expression.
         *
         * @param where the expression, or {@code null}
         * @return this builder
         */
        public Builder where(String where) {
            this.where = where;
            return this;
        }

        /**
         * Returns only these properties.
         *
         * @param outputProperties property names; empty for all
         * @return this builder
         */
        public Builder outputProperties(List<String> outputProperties) {
            this.outputProperties = outputProperties;
            return this;
        }

        /**
         * Selects one profile.
         *
         * @param distinctId the distinct id, or {@code null}
         * @return this builder
         */
        public Builder distinctId(String distinctId) {
            this.distinctId = distinctId;
            return this;
        }

        /**
         * Selects these profiles.
         *
         * @param distinctIds the distinct ids
         * @return this builder
         */
        public Builder distinctIds(List<String> distinctIds) {
            this.distinctIds = distinctIds;
            return this;
        }

        /**
         * Selects the members of a cohort.
         *
         * @param cohortId the cohort id, or {@code null}
         * @return this builder
         */
        public Builder cohortId(Long cohortId) {
            this.cohortId = cohortId;
            return this;
        }

        /**
         * Passes a behaviors expression.
         *
         * @param behaviors the expression, or {@code null}
         * @return this builder
         */
        public Builder behaviors(String behaviors) {
            this.behaviors = behaviors;
            return this;
        }

        /**
         * Evaluates behaviors as of a moment.
         *
         * @param asOfTimestamp Unix seconds, or {@code null}
         * @return this builder
         */
        public Builder asOfTimestamp(Long asOfTimestamp) {
            this.asOfTimestamp = asOfTimestamp;
            return this;
        }

        /**
         * With a cohort, chooses whether members without a profile are returned too.
         *
         * @param includeAllUsers the choice, or {@code null} for Mixpanel's default
         * @return this builder
         */
        public Builder includeAllUsers(Boolean includeAllUsers) {
            this.includeAllUsers = includeAllUsers;
            return this;
        }

        /**
         * Queries group profiles of a data group.
         *
         * @param dataGroupId the data group id, or {@code null} for user profiles
         * @return this builder
         */
        public Builder dataGroupId(String dataGroupId) {
            this.dataGroupId = dataGroupId;
            return this;
        }

        /**
         * Builds the query.
         *
         * @return the query
         * @throws IllegalArgumentException when {@code includeAllUsers} is set without a cohort
         */
        public EngageQuery build() {
            return new EngageQuery(
                    where,
                    outputProperties,
                    distinctId,
                    distinctIds,
                    cohortId,
                    behaviors,
                    asOfTimestamp,
                    includeAllUsers,
                    dataGroupId);
        }
    }
}
