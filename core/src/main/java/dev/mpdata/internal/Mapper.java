package dev.mpdata.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The library's one plain Jackson {@link ObjectMapper} (default settings), shared: a mapper is safe to share
 * once configured, and this one is never reconfigured. It is made on first use, not when a class that may
 * need it loads, because building one costs a short command about 0.1 s. Not part of the public API.
 *
 * <pre>{@code
 * Map<String, Object> m = Mapper.JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
 * }</pre>
 */
public final class Mapper {
    /** The shared mapper; never call its configuring methods. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private Mapper() {}
}
