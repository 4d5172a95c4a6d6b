package dev.mpdata.internal.ingest;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Names typed property columns, deterministically, so a user can write the column for a property without
 * looking it up:
 *
 * <ol>
 *   <li>lower case (DuckDB compares names without case, so {@code Plan} and {@code plan} would clash);
 *   <li>a leading {@code $} (Mixpanel's own properties) becomes {@code mp_}: {@code $browser} is
 *       {@code mp_browser};
 *   <li>every run of characters other than letters, digits (of any script) and {@code _} becomes one
 *       {@code _};
 *       a name that would start with a digit, or be empty, gets a {@code p_} prefix;
 *   <li>a word DuckDB reserves ({@code select}, {@code order}, {@code group}…, and words such as {@code at}
 *       and {@code left} that cannot stand alone as a column in an expression) gets a trailing {@code _};
 *   <li>a name already taken (a seed column such as {@code event_name}, or the column of another property)
 *       gets {@code _2}, {@code _3}…: the first property to claim a name keeps it, and an existing table's
 *       names never change.
 * </ol>
 *
 * <pre>{@code
 * ColumnNaming n = new ColumnNaming(Set.of("event_name"), reservedWords);
 * n.claim("$browser");   // "mp_browser"
 * n.claim("event_name"); // "event_name_2"
 * }</pre>
 */
final class ColumnNaming {
    private final Set<String> taken = new HashSet<>();
    private final Set<String> reserved;

    /**
     * @param taken names in use (any case)
     * @param reserved DuckDB's reserved words, lower case
     */
    ColumnNaming(Collection<String> taken, Set<String> reserved) {
        taken.forEach(t -> this.taken.add(t.toLowerCase(Locale.ROOT)));
        this.reserved = reserved;
    }

    /** The base name of a property, before de-duplication. */
    static String base(String property, Set<String> reserved) {
        String p = property.toLowerCase(Locale.ROOT);
        if (p.startsWith("$")) {
            p = "mp_" + p.substring(1);
        }
        String name = p.replaceAll("[^\\p{L}\\p{N}_]+", "_");
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            name = "p_" + name;
        }
        if (reserved.contains(name)) {
            name = name + "_";
        }
        return name;
    }

    /** Gives a property its column name and marks it taken. */
    String claim(String property) {
        String base = base(property, reserved);
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + "_" + i;
        }
        taken.add(name);
        return name;
    }
}
