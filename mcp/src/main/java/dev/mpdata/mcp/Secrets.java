package dev.mpdata.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of results, logs and errors: argument keys that name secrets lose their values, and the
 * secrets this process knows (the account's, the HTTP token) are replaced wherever they appear in text.
 */
final class Secrets {
    private static final Pattern SECRET_KEY =
            Pattern.compile(".*(secret|password|token|api_?key|authorization|credential).*");
    private static final Set<String> KNOWN = new CopyOnWriteArraySet<>();
    private static final String MASK = "***";

    private Secrets() {}

    /** Remembers a secret so that {@link #scrub(String)} removes it from any text. */
    static void remember(String secret) {
        if (secret != null && secret.length() >= 4) {
            KNOWN.add(secret);
        }
    }

    static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : KNOWN) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    static Map<String, Object> redact(Map<String, Object> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (args == null) {
            return out;
        }
        args.forEach((k, v) ->
                out.put(k, SECRET_KEY.matcher(k.toLowerCase(Locale.ROOT)).matches() ? MASK : clean(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object clean(Object v) {
        if (v instanceof String s) {
            return scrub(s);
        }
        if (v instanceof Map<?, ?> m) {
            return redact((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Secrets::clean).toList();
        }
        return v;
    }
}
