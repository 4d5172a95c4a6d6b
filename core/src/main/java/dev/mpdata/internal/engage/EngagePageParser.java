package dev.mpdata.internal.engage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.mpdata.internal.http.ApiErrors;
import dev.mpdata.internal.http.ApiRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Parses one Engage response body into an {@link EngagePage}. */
final class EngagePageParser {
    private static final JsonFactory JSON = new JsonFactory();

    private EngagePageParser() {}

    /**
     * Parses {@code {"page":0,"page_size":1000,"session_id":"…","total":2500,"results":[…]}}. Each result is
     * sliced out of the body text, so that profiles reach the fetch layer byte for byte as Mixpanel sent
     * them (no re-serialization of numbers or key order).
     */
    static EngagePage parse(String text, int requestedPage, int attempt, ApiRequest r, ApiErrors errors) {
        int page = requestedPage;
        int pageSize = 0;
        String sessionId = null;
        OptionalLong total = OptionalLong.empty();
        String error = null;
        List<String> profiles = new ArrayList<>();
        boolean sawResults = false;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw errors.invalidResponse(r, "the body is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "page" -> page = t.isNumeric() ? p.getIntValue() : page;
                    case "page_size" -> pageSize = t.isNumeric() ? p.getIntValue() : 0;
                    case "session_id" -> sessionId = t == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                    case "total" -> total = t.isNumeric() ? OptionalLong.of(p.getLongValue()) : OptionalLong.empty();
                    case "error" -> error = p.getValueAsString();
                    case "results" -> {
                        if (t != JsonToken.START_ARRAY) {
                            throw errors.invalidResponse(r, "'results' is not an array");
                        }
                        sawResults = true;
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            int start = (int) p.currentTokenLocation().getCharOffset();
                            p.skipChildren();
                            int end = (int) p.currentLocation().getCharOffset();
                            profiles.add(text.substring(start, end));
                        }
                        if (p.currentToken() != JsonToken.END_ARRAY) {
                            throw errors.invalidResponse(r, "'results' holds a value that is not an object");
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw errors.invalidResponse(r, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw errors.invalidResponse(r, e.getMessage());
        }
        if (!sawResults) {
            if (error != null) {
                throw errors.rejected(r, error);
            }
            throw errors.invalidResponse(r, "the body has no 'results'");
        }
        return new EngagePage(page, pageSize, sessionId, total, profiles, attempt);
    }
}
