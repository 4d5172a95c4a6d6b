package dev.mpdata.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * One request as a route sees it: its parameters (query string first, then form body), whether gzip may be
 * used, the fault plan, and the ways to answer. A route answers exactly once.
 *
 * <pre>{@code
 * void topEvents(Exchange ex) throws IOException {
 *     Integer limit = ex.intParam("limit", 100);
 *     if (limit != null) {
 *         ex.json(data.topEvents(limit));
 *     }
 * }
 * }</pre>
 */
final class Exchange {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpExchange http;
    private final String method;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> form;
    private final boolean gzip;
    private final Faults.Plan plan;

    Exchange(
            HttpExchange http,
            String method,
            Map<String, List<String>> query,
            Map<String, List<String>> form,
            boolean gzip,
            Faults.Plan plan) {
        this.http = http;
        this.method = method;
        this.query = query;
        this.form = form;
        this.gzip = gzip;
        this.plan = plan;
    }

    HttpExchange http() {
        return http;
    }

    String method() {
        return method;
    }

    boolean gzip() {
        return gzip;
    }

    Faults.Plan plan() {
        return plan;
    }

    /** The first value of a parameter, from the query string or else the form body; {@code null} if absent. */
    String param(String name) {
        List<String> v = query.get(name);
        if (v == null || v.isEmpty()) {
            v = form.get(name);
        }
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** An integer parameter, or {@code otherwise} when absent; answers 400 and returns {@code null} when bad. */
    Integer intParam(String name, int otherwise) throws IOException {
        String v = param(name);
        if (v == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            error(400, "'" + name + "' must be an integer");
            return null;
        }
    }

    /** Answers 405 and returns {@code false} unless the method is one of {@code allowed}. */
    boolean requireMethod(String... allowed) throws IOException {
        for (String m : allowed) {
            if (m.equals(method)) {
                return true;
            }
        }
        error(405, "use " + String.join(" or ", allowed));
        return false;
    }

    /** Answers 200 with a value serialized as JSON. */
    void json(Object value) throws IOException {
        respond(200, "application/json", JSON.writeValueAsString(value));
    }

    /** Answers with Mixpanel's error body, {@code {"error": "...", "status": "error"}}. */
    void error(int status, String message) throws IOException {
        respond(status, "application/json", "{\"error\": " + jsonString(message) + ", \"status\": \"error\"}");
    }

    /** Answers with a small body, gzipped when the client accepts it, through the fault plan. */
    void respond(int status, String contentType, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (gzip && bytes.length > 0) {
            bytes = gzip(bytes);
            http.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        if (contentType != null) {
            http.getResponseHeaders().set("Content-Type", contentType);
        }
        http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            FaultStream wire = new FaultStream(http.getResponseBody(), plan, null);
            wire.write(bytes);
            wire.flush();
        }
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, plain.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Encodes a string as a JSON string literal. */
    static String jsonString(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, List<String>> parseParams(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(out);
    }

    /** A {@code yyyy-mm-dd} date, or {@code null} when absent or malformed. */
    static LocalDate parseDate(String s) {
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
