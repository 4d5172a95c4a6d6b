package dev.mpdata.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ErrorBodiesTest {
    @Test
    void everyDocumentedShapeGivesTheErrorText() {
        assertThat(ErrorBodies.message("{\"error\": \"invalid project id for cluster\", \"status\": \"error\"}"))
                .isEqualTo("invalid project id for cluster");
        assertThat(ErrorBodies.message("{\"error\": \"bad unit\", \"status\": 400}"))
                .isEqualTo("bad unit");
        assertThat(ErrorBodies.message(
                        "{\"request\": \"/api/query/jql?project_id=12345\", \"error\": \"line 1\\nline 2\"}"))
                .isEqualTo("line 1\nline 2");
        assertThat(ErrorBodies.message("{\"error\": \"unit and interval both specified\", \"request\": "
                        + "{\"unit\": \"day\", \"interval\": 7, \"interval_count\": 10}}"))
                .isEqualTo("unit and interval both specified");
        assertThat(ErrorBodies.message("{\"code\": 429, \"error\": \"Project exceeded rate limits. Please retry the"
                        + " request with exponential backoff.\", \"status\": \"Too Many Requests\"}"))
                .startsWith("Project exceeded rate limits.");
    }

    @Test
    void plainTextEmptyAndOddBodies() {
        assertThat(ErrorBodies.message("  Bad request: missing required field\n"))
                .isEqualTo("Bad request: missing required field");
        assertThat(ErrorBodies.message("")).isNull();
        assertThat(ErrorBodies.message(null)).isNull();
        assertThat(ErrorBodies.message("{not json")).isEqualTo("{not json");
        assertThat(ErrorBodies.message("{\"message\": \"from message\"}")).isEqualTo("from message");
        assertThat(ErrorBodies.message("{\"status\": \"error\"}")).isEqualTo("{\"status\": \"error\"}");
        assertThat(ErrorBodies.message("{\"error\": {\"reason\": \"x\"}}")).isEqualTo("{\"reason\":\"x\"}");
        String longText = "x".repeat(2000);
        assertThat(ErrorBodies.message(longText)).hasSize(ErrorBodies.MAX_TEXT + 1);
    }

    @Test
    void errorInA200Body() {
        assertThat(ErrorBodies.errorIn(Bodies.parse("{\"error\": \"Invalid insights_id\"}")))
                .contains("Invalid insights_id");
        assertThat(ErrorBodies.errorIn(Bodies.parse("{\"error\": null, \"series\": {}}")))
                .isEmpty();
        assertThat(ErrorBodies.errorIn(Bodies.parse("[\"a\"]"))).isEmpty();
    }

    @Test
    void dateRangeGateOnlyOnA403() {
        assertThat(ErrorBodies.dateRangeLimitDays(403, "Date range exceeds 90 days into the past"))
                .isEqualTo(OptionalInt.of(90));
        assertThat(ErrorBodies.dateRangeLimitDays(403, "date range EXCEEDS  365 days"))
                .isEqualTo(OptionalInt.of(365));
        assertThat(ErrorBodies.dateRangeLimitDays(400, "Date range exceeds 90 days into the past"))
                .isEmpty();
        assertThat(ErrorBodies.dateRangeLimitDays(403, "Permission denied")).isEmpty();
        assertThat(ErrorBodies.dateRangeLimitDays(403, null)).isEmpty();
    }
}
