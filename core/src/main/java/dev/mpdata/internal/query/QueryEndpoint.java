package dev.mpdata.internal.query;

/**
 * Every Query API endpoint the discovery and live queries call: the HTTP method and the path below
 * {@code /api/query} on the region's API host. The App API (saved reports, Lexicon) is {@code AppApi}'s.
 */
public enum QueryEndpoint {
    /** Event names. */
    EVENT_NAMES("GET", "/events/names"),
    /** Top property names of an event. */
    TOP_PROPERTIES("GET", "/events/properties/top"),
    /** Top values of a property. */
    PROPERTY_VALUES("GET", "/events/properties/values"),
    /** Today's top events. */
    TOP_EVENTS("GET", "/events/top"),
    /** Saved funnels. */
    FUNNELS_LIST("GET", "/funnels/list"),
    /** Saved cohorts; POST per Mixpanel's spec, with no body. */
    COHORTS_LIST("POST", "/cohorts/list"),
    /** Segmentation. */
    SEGMENTATION("GET", "/segmentation"),
    /** Numeric segmentation. */
    SEGMENTATION_NUMERIC("GET", "/segmentation/numeric"),
    /** Sum of an expression. */
    SEGMENTATION_SUM("GET", "/segmentation/sum"),
    /** Average of an expression. */
    SEGMENTATION_AVERAGE("GET", "/segmentation/average"),
    /** Counts of several events. */
    EVENT_COUNTS("GET", "/events"),
    /** Counts per property value. */
    PROPERTY_COUNTS("GET", "/events/properties"),
    /** A funnel's data. */
    FUNNEL("GET", "/funnels"),
    /** Retention, also saved retention reports ({@code bookmark_id}). */
    RETENTION("GET", "/retention"),
    /** Frequency. */
    FREQUENCY("GET", "/retention/addiction"),
    /** Activity feed. */
    ACTIVITY_FEED("GET", "/stream/query"),
    /** A saved insights report. */
    INSIGHTS("GET", "/insights"),
    /** A saved flows report. */
    FLOWS("GET", "/arb_funnels");

    private final String method;
    private final String path;

    QueryEndpoint(String method, String path) {
        this.method = method;
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
     * Returns the path below the base, with placeholders.
     *
     * @return e.g. {@code /segmentation}
     */
    public String path() {
        return path;
    }
}
