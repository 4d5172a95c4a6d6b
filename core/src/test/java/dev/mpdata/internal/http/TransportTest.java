package dev.mpdata.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.config.Credentials;
import dev.mpdata.config.Region;
import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.ErrorCode;
import org.junit.jupiter.api.Test;

/** The parts of the transport that need no server: URLs, hosts, gates, the error factory. */
class TransportTest {
    static final Credentials EU = Credentials.builder()
            .username("u")
            .secret("top-secret")
            .projectId(9)
            .region(Region.EU)
            .build();

    @Test
    void urlsPutProjectIdFirstLeaveNullsOutAndEncodeSpacesAsPercent20() {
        try (Transport t = new Transport(EU, Transport.Options.defaults())) {
            ApiRequest r = ApiRequest.get(Host.API, "/api/query/events/properties/top")
                    .query("event", "Sign Up")
                    .query("limit", null)
                    .build();
            assertThat(t.uri(r).toString())
                    .isEqualTo(Region.EU.apiBase() + "/api/query/events/properties/top?project_id=9&event=Sign%20Up");
            ApiRequest app = ApiRequest.get(Host.APP, "/api/app/projects/9/schemas")
                    .withoutProjectId()
                    .build();
            assertThat(t.uri(app).toString()).isEqualTo(Region.EU.apiBase() + "/api/app/projects/9/schemas");
            ApiRequest export = ApiRequest.get(Host.EXPORT, "/api/2.0/export").build();
            assertThat(t.uri(export).toString()).isEqualTo(Region.EU.exportBase() + "/api/2.0/export?project_id=9");
            assertThat(t.errors().endpoint(export)).isEqualTo("GET " + Region.EU.exportBase() + "/api/2.0/export");
        }
    }

    @Test
    void errorsCarryTheRequestsDetailsAndNeverTheSecret() {
        try (Transport t = new Transport(EU, Transport.Options.defaults())) {
            ApiRequest r = ApiRequest.post(Host.API, "/api/query/engage")
                    .form("page", 2)
                    .scope("page 2")
                    .detail("page", 2)
                    .build();
            ApiException rejected = t.errors().rejected(r, "bad secret top-secret");
            assertThat(rejected.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(rejected.getMessage()).contains("(page 2)").doesNotContain("top-secret");
            assertThat(rejected.serverMessage()).isEqualTo("bad secret ****");
            assertThat(rejected.details()).containsEntry("page", 2);
            ApiException invalid = t.errors().invalidResponse(r, "no results");
            assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_RESPONSE);
            assertThat(invalid.httpStatus()).hasValue(200);
            assertThat(invalid.endpoint()).isEqualTo("POST " + Region.EU.apiBase() + "/api/query/engage");
        }
    }

    @Test
    void gatesNeedAPositiveCapAndRate() {
        assertThatThrownBy(() -> Gate.of(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gate.of(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedTransportRefusesCalls() {
        Transport t = new Transport(EU, Transport.Options.defaults());
        t.close();
        assertThatThrownBy(() -> t.text(ApiRequest.get(Host.API, "/x").build()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(t.toString()).doesNotContain("top-secret");
    }
}
