package dev.mpdata.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.FakeMixpanelServerBuilder;
import dev.mpdata.testing.RecordedRequest;
import dev.mpdata.testing.query.DiscoveryFixtures.BookmarksShape;
import dev.mpdata.testing.query.DiscoveryFixtures.SchemaShape;
import dev.mpdata.testing.query.DiscoveryFixtures.TopPropertiesShape;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DiscoveryTest extends WithQueryServer {
    @Override
    FakeMixpanelServerBuilder fakeServer() {
        return FakeMixpanelServer.builder().eventNames(List.of("Sign Up", "Purchase", "App Open"));
    }

    @Test
    void eventsAreSortedCachedAndAskForTheWholeHistory() {
        assertThat(ws.events()).containsExactly("App Open", "Purchase", "Sign Up");
        assertThat(ws.events()).containsExactly("App Open", "Purchase", "Sign Up");
        assertThat(server.requestCount(Endpoint.EVENT_NAMES)).isEqualTo(1);
        RecordedRequest r = server.lastRequest(Endpoint.EVENT_NAMES);
        assertThat(r.queryParam("type")).isEqualTo("general");
        assertThat(r.queryParam("limit")).isEqualTo("5000");
        assertThat(r.queryParam("from_date")).isEqualTo("2000-01-01");
        assertThat(r.queryParam("to_date"))
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(r.queryParam("project_id")).isEqualTo("12345");

        server.setEventNames(List.of("Z"));
        ws.clearDiscoveryCache();
        assertThat(ws.events()).containsExactly("Z");
        assertThat(server.requestCount(Endpoint.EVENT_NAMES)).isEqualTo(2);
    }

    @Test
    void eventsRetryOnceWithinTheHistoryLimit() {
        server.query().historyDays(90);
        assertThat(ws.events()).containsExactly("App Open", "Purchase", "Sign Up");
        List<RecordedRequest> rs = server.requests(Endpoint.EVENT_NAMES);
        assertThat(rs).hasSize(2);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(rs.get(0).queryParam("from_date")).isEqualTo("2000-01-01");
        assertThat(rs.get(1).queryParam("from_date"))
                .isEqualTo(today.minusDays(90).toString());
        assertThat(rs.get(1).queryParam("to_date")).isEqualTo(today.toString());
    }

    @ParameterizedTest
    @EnumSource(TopPropertiesShape.class)
    void propertiesInEitherShapeAreSortedAndCachedPerEvent(TopPropertiesShape shape) {
        server.query().topPropertiesShape(shape).properties(List.of("plan", "$city", "amount"));
        assertThat(ws.properties("Purchase")).containsExactly("$city", "amount", "plan");
        assertThat(ws.properties("Purchase")).containsExactly("$city", "amount", "plan");
        assertThat(ws.properties("Sign Up")).hasSize(3);
        assertThat(server.requestCount(Endpoint.TOP_PROPERTIES)).isEqualTo(2);
        assertThat(server.lastRequest(Endpoint.TOP_PROPERTIES).queryParam("event"))
                .isEqualTo("Sign Up");
        assertThat(server.lastRequest(Endpoint.TOP_PROPERTIES).queryParam("limit"))
                .isNull();
    }

    @Test
    void propertyValuesSendNameLimitAndEventOnlyWhenGiven() {
        server.query().values(List.of("US", "CA", "DE"));
        assertThat(ws.propertyValues("country", "Purchase", 2)).containsExactly("US", "CA");
        RecordedRequest r = server.lastRequest(Endpoint.PROPERTY_VALUES);
        assertThat(r.queryParam("name")).isEqualTo("country");
        assertThat(r.queryParam("limit")).isEqualTo("2");
        assertThat(r.queryParam("event")).isEqualTo("Purchase");
        assertThat(ws.propertyValues("country", null, 10)).containsExactly("US", "CA", "DE");
        assertThat(server.lastRequest(Endpoint.PROPERTY_VALUES).queryParam("event"))
                .isNull();
        ws.propertyValues("country", "Purchase", 2);
        assertThat(server.requestCount(Endpoint.PROPERTY_VALUES)).isEqualTo(2);
        assertThatThrownBy(() -> ws.propertyValues("country", null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topEventsAreNeverCached() {
        List<TopEvent> top = ws.topEvents(CountType.UNIQUE, 2);
        assertThat(top).extracting(TopEvent::event).containsExactly("Sign Up", "Purchase");
        assertThat(top.get(0).count()).isPositive();
        RecordedRequest r = server.lastRequest(Endpoint.TOP_EVENTS);
        assertThat(r.queryParam("type")).isEqualTo("unique");
        assertThat(r.queryParam("limit")).isEqualTo("2");
        ws.topEvents(null, null);
        assertThat(server.lastRequest(Endpoint.TOP_EVENTS).queryParam("type")).isEqualTo("general");
        assertThat(server.lastRequest(Endpoint.TOP_EVENTS).queryParam("limit")).isNull();
        assertThat(server.requestCount(Endpoint.TOP_EVENTS)).isEqualTo(2);
    }

    @Test
    void funnelsAndCohortsAreSortedByNameAndCached() {
        assertThat(ws.funnels()).extracting(FunnelInfo::name).containsExactly("Funnel tutorial", "Signup funnel");
        assertThat(ws.funnels().get(0).funnelId()).isEqualTo(9070);
        assertThat(server.requestCount(Endpoint.FUNNELS_LIST)).isEqualTo(1);
        List<SavedCohort> cohorts = ws.cohorts();
        assertThat(cohorts).extracting(SavedCohort::name).containsExactly("Cohort One", "Cohort Two");
        ws.cohorts();
        assertThat(server.requestCount(Endpoint.COHORTS_LIST)).isEqualTo(1);
        assertThat(server.lastRequest(Endpoint.COHORTS_LIST).method()).isEqualTo("POST");
        ws.clearDiscoveryCache();
        ws.funnels();
        ws.cohorts();
        assertThat(server.requestCount(Endpoint.FUNNELS_LIST)).isEqualTo(2);
        assertThat(server.requestCount(Endpoint.COHORTS_LIST)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(BookmarksShape.class)
    void bookmarksInEitherEnvelopeAreNeverCached(BookmarksShape shape) {
        server.query().bookmarksShape(shape);
        assertThat(ws.bookmarks(null)).extracting(BookmarkInfo::id).containsExactly(101L, 102L, 103L, 104L);
        assertThat(ws.bookmarks(BookmarkType.FUNNELS))
                .extracting(BookmarkInfo::type)
                .containsExactly("funnels");
        RecordedRequest r = server.lastRequest(Endpoint.BOOKMARKS);
        assertThat(r.path()).isEqualTo("/api/app/projects/12345/bookmarks");
        assertThat(r.queryParam("v")).isEqualTo("2");
        assertThat(r.queryParam("type")).isEqualTo("funnels");
        assertThat(r.queryParam("project_id")).isEqualTo("12345");
        assertThat(server.requestCount(Endpoint.BOOKMARKS)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(SchemaShape.class)
    void lexiconSchemasInEveryShape(SchemaShape shape) {
        server.query().schemaShape(shape);
        assertThat(ws.lexiconSchemas(null))
                .extracting(LexiconSchema::name)
                .containsExactly("Purchase", "Sign Up", "$user");
        assertThat(ws.lexiconSchemas("event")).hasSize(2);
        RecordedRequest list = server.lastRequest(Endpoint.SCHEMAS);
        assertThat(list.path()).isEqualTo("/api/app/projects/12345/schemas/event");
        assertThat(list.queryParam("project_id")).isNull();
        LexiconSchema s = ws.lexiconSchema("event", "Sign Up");
        assertThat(s.name()).isEqualTo("Sign Up");
        assertThat(s.entityType()).isEqualTo("event");
        assertThat(s.schemaJson().description()).isEqualTo("About Sign Up");
        assertThat(server.lastRequest(Endpoint.SCHEMAS).path())
                .isEqualTo("/api/app/projects/12345/schemas/event/Sign%20Up");
        ws.lexiconSchema("event", "Sign Up");
        ws.lexiconSchemas("event");
        assertThat(server.requestCount(Endpoint.SCHEMAS)).isEqualTo(3);
    }

    @Test
    void unknownSchemaIsNotFound() {
        assertThatThrownBy(() -> ws.lexiconSchema("event", "Nope"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("Schema not found")
                .hasMessageContaining("Nope");
    }
}
