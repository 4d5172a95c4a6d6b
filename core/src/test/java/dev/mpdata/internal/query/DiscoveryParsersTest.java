package dev.mpdata.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.query.BookmarkInfo;
import dev.mpdata.query.FunnelInfo;
import dev.mpdata.query.LexiconSchema;
import dev.mpdata.query.SavedCohort;
import dev.mpdata.query.TopEvent;
import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

class DiscoveryParsersTest {
    @Test
    void eventNamesAreSorted() {
        assertThat(DiscoveryParsers.eventNames(Bodies.load("event_names.json")))
                .containsExactly("View homepage", "battle", "click signup button");
    }

    @Test
    void eventNamesRefuseAnObject() {
        assertThatThrownBy(() -> DiscoveryParsers.eventNames(Bodies.parse("{\"error\": \"x\"}")))
                .isInstanceOf(MixpanelDataException.class)
                .satisfies(e -> assertThat(((MixpanelDataException) e).code()).isEqualTo(ErrorCode.INVALID_RESPONSE))
                .hasMessageContaining("events/names");
    }

    @Test
    void topPropertiesReadBothValueShapes() {
        assertThat(DiscoveryParsers.topProperties(Bodies.load("top_properties_counts.json")))
                .containsExactly("ad version", "user type");
        assertThat(DiscoveryParsers.topProperties(Bodies.load("top_properties_numbers.json")))
                .containsExactly("prop1", "prop2");
    }

    @Test
    void propertyValuesKeepOrderAndRenderNonStrings() {
        assertThat(DiscoveryParsers.propertyValues(Bodies.load("property_values.json")))
                .containsExactly("cat", "dog", "rabbit", "gecko", "true", "42", "null");
    }

    @Test
    void topEventsMapAmountToCount() {
        List<TopEvent> top = DiscoveryParsers.topEvents(Bodies.load("top_events.json"));
        assertThat(top).hasSize(3);
        assertThat(top.get(1)).isEqualTo(new TopEvent("pages", 75, -0.20209602478821687));
        assertThat(top.get(2).percentChange()).isEqualTo(1.0);
        assertThat(DiscoveryParsers.topEvents(Bodies.parse("{\"events\": [{\"amount\": 3, \"event\": \"a\"}]}")))
                .containsExactly(new TopEvent("a", 3, 0.0));
        DataFrame df = TopEvent.toDataFrame(top);
        assertThat(df.getColumnsIndex().toArray()).containsExactly("event", "count", "percent_change");
        assertThat(df.height()).isEqualTo(3);
        assertThat(df.getColumn("count").get(1)).isEqualTo(75L);
    }

    @Test
    void funnelsAreSortedByName() {
        List<FunnelInfo> f = DiscoveryParsers.funnels(Bodies.load("funnels_list.json"));
        assertThat(f).containsExactly(new FunnelInfo(9070, "Funnel tutorial"), new FunnelInfo(7509, "Signup funnel"));
        DataFrame df = FunnelInfo.toDataFrame(f);
        assertThat(df.getColumnsIndex().toArray()).containsExactly("funnel_id", "name");
        assertThat(df.getColumn("funnel_id").get(0)).isEqualTo(9070L);
    }

    @Test
    void cohortsReadNumericAndBooleanVisibility() {
        List<SavedCohort> c = DiscoveryParsers.cohorts(Bodies.load("cohorts_list.json"));
        assertThat(c).extracting(SavedCohort::name).containsExactly("Cohort One", "Cohort Two");
        assertThat(c.get(0))
                .isEqualTo(new SavedCohort(
                        "1000",
                        "Cohort One",
                        150,
                        "This cohort is visible, has an id = 1000, and currently has 150 users.",
                        "2019-03-19 23:49:51",
                        true));
        assertThat(c.get(1).visible()).isFalse();
        SavedCohort s = DiscoveryParsers.cohorts(Bodies.load("cohorts_list_string_ids.json"))
                .get(0);
        assertThat(s.id()).isEqualTo("cohort123");
        assertThat(s.visible()).isTrue();
        assertThat(s.description()).isEmpty();
        DataFrame df = SavedCohort.toDataFrame(c);
        assertThat(df.getColumnsIndex().toArray())
                .containsExactly("id", "name", "count", "description", "created", "is_visible");
        assertThat(df.getColumn("is_visible").get(1)).isEqualTo(false);
    }

    @Test
    void bookmarksReadFlatNestedAndBareLists() {
        BookmarkInfo nested =
                DiscoveryParsers.bookmarks(Bodies.load("bookmarks_nested.json")).get(0);
        assertThat(nested.id()).isEqualTo(12345);
        assertThat(nested.projectId()).isEqualTo(8);
        assertThat(nested.workspaceId()).isNull();
        BookmarkInfo flat =
                DiscoveryParsers.bookmarks(Bodies.load("bookmarks_flat.json")).get(0);
        assertThat(flat)
                .isEqualTo(new BookmarkInfo(
                        63877017,
                        "Monthly Recurring Revenue",
                        "insights",
                        12345,
                        "2024-09-18T16:39:49",
                        "2025-08-26T05:16:50",
                        100L,
                        200L,
                        "Track monthly recurring revenue",
                        42L,
                        "John Doe"));
        assertThat(DiscoveryParsers.bookmarks(
                                Bodies.parse(
                                        "[{\"id\": 1, \"name\": \"n\", \"type\": \"flows\", \"project_id\": 2, \"dashboard\": {\"id\": 9}}]"))
                        .get(0)
                        .dashboardId())
                .isEqualTo(9L);
        DataFrame df = BookmarkInfo.toDataFrame(List.of(nested, flat));
        assertThat(df.height()).isEqualTo(2);
        assertThat(df.getColumnsIndex().toArray()).startsWith("id", "name", "type", "project_id");
        assertThat(df.getColumn("creator_name").get(1)).isEqualTo("John Doe");
    }

    @Test
    void lexiconListIsSortedWithMetadata() {
        List<LexiconSchema> s = DiscoveryParsers.lexiconSchemas(Bodies.load("schemas_list.json"));
        assertThat(s).extracting(LexiconSchema::name).containsExactly("Added To Cart", "Purchase", "$user");
        LexiconSchema purchase = s.get(1);
        assertThat(purchase.schemaJson().description()).isEqualTo("User completes a purchase");
        assertThat(purchase.schemaJson().properties().get("amount").type()).isEqualTo("number");
        LexiconSchema.Metadata m = purchase.schemaJson().metadata();
        assertThat(m.source()).isEqualTo("api");
        assertThat(m.displayName()).isEqualTo("Purchase Event");
        assertThat(m.tags()).containsExactly("core");
        assertThat(m.contacts()).containsExactly("owner@company.com");
        assertThat(m.teamContacts()).containsExactly("Analytics");
        assertThat(s.get(0).schemaJson().metadata()).isNull();
        LexiconSchema user = s.get(2);
        assertThat(user.schemaJson().metadata().owners()).containsExactly("Ann <ann@example.com>");
        LexiconSchema.Property plan = user.schemaJson().properties().get("plan");
        assertThat(plan.type()).isEqualTo("string");
        assertThat(plan.metadata().displayName()).isEqualTo("Plan name");
        DataFrame df = LexiconSchema.toDataFrame(s);
        assertThat(df.getColumnsIndex().toArray())
                .containsExactly(
                        "entity_type", "name", "description", "property_count", "display_name", "hidden", "dropped");
        assertThat(df.getColumn("property_count").get(1)).isEqualTo(1);
        assertThat(purchase.propertiesDataFrame().getColumn("property").get(0)).isEqualTo("amount");
    }

    @Test
    void singleSchemaReadsAllThreeBodies() {
        LexiconSchema bare = DiscoveryParsers.lexiconSchema(Bodies.load("schema_bare.json"), "event", "Purchase");
        assertThat(bare.entityType()).isEqualTo("event");
        assertThat(bare.name()).isEqualTo("Purchase");
        assertThat(bare.schemaJson().properties()).containsOnlyKeys("amount");
        assertThat(bare.schemaJson().metadata()).isNull();
        LexiconSchema wrapped =
                DiscoveryParsers.lexiconSchema(Bodies.load("schema_results_schema.json"), "event", "Purchase");
        assertThat(wrapped.schemaJson().description()).isEqualTo("User made a purchase");
        assertThat(wrapped.schemaJson().properties()).isEmpty();
        LexiconSchema entry =
                DiscoveryParsers.lexiconSchema(Bodies.load("schema_results_entry.json"), "profile", "asked");
        assertThat(entry.entityType()).isEqualTo("event");
        assertThat(entry.name()).isEqualTo("Purchase");
        assertThat(entry.schemaJson().properties().get("amount").type()).isEqualTo("number");
    }
}
