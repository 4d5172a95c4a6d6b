package dev.mpdata.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the example bodies under {@code src/test/resources/query/}. */
final class Bodies {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Bodies() {}

    static JsonNode load(String name) {
        try (InputStream in = Bodies.class.getResourceAsStream("/query/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource query/" + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
