package dev.mpdata.internal.query;

/**
 * Every Query API and App API endpoint the discovery and live queries call: the HTTP method, which base URL
 * (query {@code https://mixpanel.com/api/query} or app {@code https://mixpanel.com/api/app}, per region), and
 * the path below it. App paths hold {@code {project_id}} (and {@code {entity_type}}) placeholders.
 */
public enum QueryEndpoint {
    /** Event names. */
    EVENT_NAMES("GET", Base.QUERY, "/events/names"),
    /** Top property names of an event. */
    TOP_PROPERTIES("GET", Base.QUERY, "/events/properties/top"),
    /** Top values of a property. */
    PROPERTY_VALUES("GET", Base.QUERY, "/events/properties/values"),
    /** Today's top events. */
    TOP_EVENTS("GET", Base.QUERY, "/events/top"),
    /** Saved funnels. */
    FUNNELS_LIST("GET", Base.QUERY, "/funnels/list"),
    /** Saved cohorts; POST per Mixpanel's spec, with no body. */
    COHORTS_LIST("POST", Base.QUERY, "/cohorts/list"),
    /** Segmentation. */
    SEGMENTATION("GET", Base.QUERY, "/segmentation"),
    /** Numeric segmentation. */
    SEGMENTATION_NUMERIC("GET", Base.QUERY, "/segmentation/numeric"),
    /** Sum of an expression. */
    SEGMENTATION_SUM("GET", Base.QUERY, "/segmentation/sum"),
    /** Average of an expression. */
    SEGMENTATION_AVERAGE("GET", Base.QUERY, "/segmentation/average"),
    /** Counts of several events. */
    EVENT_COUNTS("GET", Base.QUERY, "/events"),
    /** Counts per property value. */
    PROPERTY_COUNTS("GET", Base.QUERY, "/events/properties"),
    /** A funnel's data. */
    FUNNEL("GET", Base.QUERY, "/funnels"),
    /** Retention, also saved retention reports ({@code bookmark_id}). */
    RETENTION("GET", Base.QUERY, "/retention"),
    /** Frequency. */
    FREQUENCY("GET", Base.QUERY, "/retention/addiction"),
    /** Activity feed. */
    ACTIVITY_FEED("GET", Base.QUERY, "/stream/query"),
    /** A saved insights report. */
    INSIGHTS("GET", Base.QUERY, "/insights"),
    /** A saved flows report. */
    FLOWS("GET", Base.QUERY, "/arb_funnels"),
    /** Saved reports (bookmarks); also gets {@code project_id} in the query string. */
    BOOKMARKS("GET", Base.APP, "/projects/{project_id}/bookmarks"),
    /** All Lexicon schemas; no {@code project_id} in the query string. */
    SCHEMAS("GET", Base.APP, "/projects/{project_id}/schemas"),
    /** Lexicon schemas of one entity type. */
    SCHEMAS_OF_TYPE("GET", Base.APP, "/projects/{project_id}/schemas/{entity_type}");

    /** Which base URL an endpoint hangs off. */
    public enum Base {
        /** {@code https://{mixpanel|eu.mixpanel|in.mixpanel}.com/api/query}. */
        QUERY,
        /** {@code https://{mixpanel|eu.mixpanel|in.mixpanel}.com/api/app}. */
        APP
    }

    private final String method;
    private final Base base;
    private final String path;

    QueryEndpoint(String method, Base base, String path) {
        this.method = method;
        this.base = base;
        this.path = path;
    }

    /**
     * Returns the HTTP method.
     *
     * @return {@code GET} or {@code POST}
     */
    public String method() {
        return method;
    }

    /**
     * Returns the base URL family.
     *
     * @return query or app
     */
    public Base base() {
        return base;
    }

    /**
     * Returns the path below the base, with placeholders.
     *
     * @return e.g. {@code /segmentation}
     */
    public String path() {
        return path;
    }
}
