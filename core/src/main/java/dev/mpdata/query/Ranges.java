package dev.mpdata.query;

import java.time.LocalDate;
import java.util.Objects;

/** Argument checks the query types share. */
final class Ranges {
    private Ranges() {}

    static void check(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    static String name(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return s;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
