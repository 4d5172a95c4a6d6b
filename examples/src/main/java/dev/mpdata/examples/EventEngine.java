package dev.mpdata.examples;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The event model behind {@link SampleDataGenerator}: produces events one at a time, in time order,
 * holding only per-user state (a few numbers per user) and the duplicates waiting to be repeated.
 *
 * <p>Model: {@code users} users, 60% of whom signed up before the range; the rest become active one
 * after another across the days and mark their first event with {@code Sign Up}. Each event picks
 * a user among those active (a tenth of the old users are "power users" and get a third of the
 * traffic), a name from a funnel-shaped distribution, and a time: per day, sorted uniform draws
 * warped by an hour-of-day curve, so times come out ascending without sorting anything. Exactly
 * {@code round(events * dupRate)} lines are verbatim repeats of an earlier line (placed after the
 * original and after every other event of the same second, where a time-ordered export puts them);
 * exactly {@code round(originals * noInsertIdRate)} distinct events carry no {@code $insert_id}.
 *
 * <pre>{@code
 * EventEngine engine = new EventEngine(generator);
 * while (engine.hasNext()) {
 *     System.out.println(engine.next().line());
 * }
 * }</pre>
 */
final class EventEngine {
    private static final DateTimeFormatter LAST_SEEN = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final int[] HOUR_WEIGHTS = {2, 1, 1, 1, 1, 2, 3, 5, 7, 8, 9, 9, 9, 9, 9, 9, 9, 8, 8, 7, 6, 5, 4, 3};
    private static final double[] HOUR_CUM = new double[25];
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static {
        for (int h = 0; h < 24; h++) {
            HOUR_CUM[h + 1] = HOUR_CUM[h] + HOUR_WEIGHTS[h];
        }
    }

    /** One event: an original, or (the same object again) its verbatim duplicate. */
    static final class Ev {
        final String name;
        final long time;
        final int user;
        final String insertId;
        final Map<String, Object> extra;
        final boolean duplicated;
        private String line;

        Ev(String name, long time, int user, String insertId, Map<String, Object> extra, boolean duplicated) {
            this.name = name;
            this.time = time;
            this.user = user;
            this.insertId = insertId;
            this.extra = extra;
            this.duplicated = duplicated;
        }

        String distinctId() {
            return distinctId(user);
        }

        static String distinctId(int user) {
            return "user_" + (user + 1);
        }

        /** The Raw Export line of this event (computed once). */
        String line() {
            if (line == null) {
                Map<String, Object> props = new LinkedHashMap<>(extra.size() + 4);
                props.put("time", time);
                props.put("distinct_id", distinctId());
                if (insertId != null) {
                    props.put("$insert_id", insertId);
                }
                props.putAll(extra);
                Map<String, Object> event = new LinkedHashMap<>(4);
                event.put("event", name);
                event.put("properties", props);
                line = Json.object(event);
            }
            return line;
        }
    }

    /** A user's fixed attributes, derived from the seed and the user number alone. */
    record UserAttrs(
            int city,
            int browser,
            int os,
            int plan,
            int screenWidth,
            String name,
            String email,
            int signedUpDaysBeforeStart,
            boolean marketingOptIn,
            String referralCode,
            List<String> interests) {

        static UserAttrs of(long seed, int user) {
            SplitMix64 r = new SplitMix64(SplitMix64.derive(SplitMix64.derive(seed, 100), user));
            int city = r.weighted(Catalog.CITY_WEIGHTS);
            int browser = r.weighted(Catalog.BROWSER_WEIGHTS);
            int os = r.weighted(Catalog.OS_WEIGHTS_BY_BROWSER[browser]);
            int plan = r.weighted(Catalog.PLAN_WEIGHTS);
            boolean mobile = os == 2 || os == 3;
            int[] widths = mobile ? Catalog.MOBILE_WIDTHS : Catalog.DESKTOP_WIDTHS;
            int screen = widths[r.nextInt(widths.length)];
            String name;
            String handle;
            if (r.chance(0.05)) {
                String[] cjk = Catalog.CJK_NAMES[r.nextInt(Catalog.CJK_NAMES.length)];
                name = cjk[0];
                handle = cjk[1];
            } else {
                String[] first = Catalog.FIRST_NAMES[r.nextInt(Catalog.FIRST_NAMES.length)];
                String[] last = Catalog.LAST_NAMES[r.nextInt(Catalog.LAST_NAMES.length)];
                name = first[0] + " " + last[0];
                handle = first[1] + "." + last[1];
            }
            String email = handle + (user + 1) + "@" + Catalog.EMAIL_DOMAINS[r.nextInt(Catalog.EMAIL_DOMAINS.length)];
            int before = 1 + r.nextInt(730);
            boolean optIn = r.chance(0.4);
            String referral = null;
            if (r.chance(0.3)) {
                char[] code = new char[6];
                for (int i = 0; i < code.length; i++) {
                    code[i] = (char) ('A' + r.nextInt(26));
                }
                referral = new String(code);
            }
            List<String> interests = new ArrayList<>(3);
            int n = r.nextInt(4);
            for (int i = 0; i < Catalog.INTERESTS.length && interests.size() < n; i++) {
                if (r.chance(0.5)) {
                    interests.add(Catalog.INTERESTS[i]);
                }
            }
            return new UserAttrs(
                    city,
                    browser,
                    os,
                    plan,
                    screen,
                    name,
                    email,
                    before,
                    optIn,
                    referral,
                    Collections.unmodifiableList(interests));
        }
    }

    private final long seed;
    private final LocalDate start;
    private final int days;
    private final int users;
    private final int preexisting;
    private final int powerUsers;
    private final long originals;
    private final long duplicates;
    private final long withoutInsertId;
    private final double[] dayCum;

    private final SplitMix64 timeRng;
    private final SplitMix64 userRng;
    private final SplitMix64 nameRng;
    private final SplitMix64 propRng;
    private final SplitMix64 idRng;
    private final SplitMix64 procRng;
    private final SplitMix64 dupRng;
    private final SplitMix64 noIdRng;

    private final UserAttrs[] attrs;
    private final int[] firstDay;
    private final long[] lastSeen;
    private final int[] purchases;
    private final long[] spentCents;

    private int day = -1;
    private long dayCount;
    private long k;
    private double x;
    private long dayStart;
    private int pool;
    private int newTodayStart;
    private int newToday;

    private long seen;
    private long dupChosen;
    private long noIdChosen;
    private final ArrayDeque<Ev> pending = new ArrayDeque<>();
    private Ev lookahead;

    /** Starts the model at the first event of the generator's range. */
    EventEngine(SampleDataGenerator g) {
        this.seed = g.seed();
        this.start = g.startDate();
        this.days = g.days();
        this.users = g.users();
        this.preexisting = Math.max(1, (int) Math.round(users * 0.6));
        this.powerUsers = Math.max(1, preexisting / 10);
        this.duplicates = g.duplicateLines();
        this.originals = g.distinctEvents();
        this.withoutInsertId = g.eventsWithoutInsertId();

        this.dayCum = new double[days + 1];
        for (int d = 0; d < days; d++) {
            int dow = start.plusDays(d).getDayOfWeek().getValue();
            double weekday = dow >= 6 ? 0.8 : 1.0;
            double growth = 1.0 + 0.2 * d / Math.max(1, days - 1);
            dayCum[d + 1] = dayCum[d] + weekday * growth;
        }

        this.timeRng = stream(1);
        this.userRng = stream(2);
        this.nameRng = stream(3);
        this.propRng = stream(4);
        this.idRng = stream(5);
        this.procRng = stream(6);
        this.dupRng = stream(7);
        this.noIdRng = stream(8);

        this.attrs = new UserAttrs[users];
        for (int u = 0; u < users; u++) {
            attrs[u] = UserAttrs.of(seed, u);
        }
        this.firstDay = new int[users];
        Arrays.fill(firstDay, -1);
        this.lastSeen = new long[users];
        this.purchases = new int[users];
        this.spentCents = new long[users];
    }

    private SplitMix64 stream(int n) {
        return new SplitMix64(SplitMix64.derive(seed, n));
    }

    /** Whether another line (original or duplicate) follows. */
    boolean hasNext() {
        if (lookahead == null) {
            lookahead = generateOriginal();
        }
        return lookahead != null || !pending.isEmpty();
    }

    /** The next line's event, in stream order. */
    Ev next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (!pending.isEmpty() && (lookahead == null || pending.peekFirst().time < lookahead.time)) {
            return pending.pollFirst();
        }
        Ev e = lookahead;
        lookahead = null;
        if (e.duplicated) {
            pending.addLast(e);
        }
        return e;
    }

    /** Runs the model to its end without producing lines, so that the per-user statistics are final. */
    void runToEnd() {
        lookahead = null;
        pending.clear();
        Ev e = generateOriginal();
        while (e != null) {
            e = generateOriginal();
        }
    }

    private long dayTarget(int d) {
        return (long) Math.floor(originals * dayCum[d] / dayCum[days]);
    }

    private int poolSize(int d) {
        if (d < 0) {
            return preexisting;
        }
        long newcomers = users - preexisting;
        long active = ((d + 1L) * newcomers + days - 1) / days;
        return preexisting + (int) Math.min(newcomers, active);
    }

    private boolean startNextDay() {
        while (true) {
            day++;
            if (day >= days) {
                return false;
            }
            long to = day == days - 1 ? originals : dayTarget(day + 1);
            dayCount = to - dayTarget(day);
            k = 0;
            x = 0;
            dayStart = start.plusDays(day).toEpochDay() * 86_400L;
            pool = poolSize(day);
            newTodayStart = poolSize(day - 1);
            newToday = pool - newTodayStart;
            if (dayCount > 0) {
                return true;
            }
        }
    }

    private Ev generateOriginal() {
        if (day >= days || (k >= dayCount && !startNextDay())) {
            return null;
        }
        // Ascending uniform order statistics: the next of the remaining n draws is the minimum.
        long remaining = dayCount - k;
        double u = 1.0 - timeRng.nextDouble();
        x = x + (1 - x) * (1 - StrictMath.pow(u, 1.0 / remaining));
        k++;
        long time = dayStart + secondOfDay(x);

        int user = pickUser();
        String name;
        if (user >= preexisting && firstDay[user] < 0) {
            name = Catalog.SIGN_UP;
        } else {
            name = Catalog.DRAWN[nameRng.weighted(Catalog.DRAWN_WEIGHTS)];
        }
        if (firstDay[user] < 0) {
            firstDay[user] = day;
        }
        boolean isNew = user >= preexisting && firstDay[user] == day;
        lastSeen[user] = time;

        long left = originals - seen;
        boolean noId = noIdRng.nextDouble() * left < withoutInsertId - noIdChosen;
        boolean dup = dupRng.nextDouble() * left < duplicates - dupChosen;
        seen++;
        if (noId) {
            noIdChosen++;
        }
        if (dup) {
            dupChosen++;
        }
        String insertId = noId ? null : hexId();

        long processing = time * 1000 + 200 + procRng.nextInt(2800);
        if (procRng.chance(0.03)) {
            processing += procRng.nextInt(6 * 3_600_000);
        }

        UserAttrs a = attrs[user];
        Map<String, Object> extra = new LinkedHashMap<>(20);
        extra.put("mp_processing_time_ms", processing);
        extra.put("$browser", Catalog.BROWSERS[a.browser()]);
        extra.put("$os", Catalog.OSES[a.os()]);
        extra.put("$city", Catalog.CITIES[a.city()]);
        extra.put("country", Catalog.COUNTRIES[a.city()]);
        extra.put("plan", Catalog.PLANS[a.plan()]);
        extra.put("$screen_width", a.screenWidth());
        extra.put("is_new", isNew);
        addEventProperties(name, user, extra);
        return new Ev(name, time, user, insertId, Collections.unmodifiableMap(extra), dup);
    }

    private static long secondOfDay(double fraction) {
        double target = fraction * HOUR_CUM[24];
        int h = 0;
        while (h < 23 && target >= HOUR_CUM[h + 1]) {
            h++;
        }
        long second = h * 3600L + (long) Math.floor((target - HOUR_CUM[h]) / HOUR_WEIGHTS[h] * 3600);
        return Math.min(Math.max(second, h * 3600L), Math.min(h * 3600L + 3599, 86_399));
    }

    private int pickUser() {
        double r = userRng.nextDouble();
        if (r < 0.30) {
            return userRng.nextInt(powerUsers);
        }
        if (r < 0.45 && newToday > 0) {
            return newTodayStart + userRng.nextInt(newToday);
        }
        return userRng.nextInt(pool);
    }

    private String hexId() {
        char[] c = new char[32];
        long a = idRng.nextLong();
        long b = idRng.nextLong();
        for (int i = 0; i < 16; i++) {
            c[i] = HEX[(int) (a >>> (60 - 4 * i)) & 15];
            c[16 + i] = HEX[(int) (b >>> (60 - 4 * i)) & 15];
        }
        return new String(c);
    }

    private <T> T pick(T[] values) {
        return values[propRng.nextInt(values.length)];
    }

    private String pick(String[] values, int[] weights) {
        return values[propRng.weighted(weights)];
    }

    private Map<String, Object> utm() {
        Map<String, Object> utm = new LinkedHashMap<>(4);
        utm.put("source", pick(Catalog.UTM_SOURCES));
        utm.put("medium", pick(Catalog.UTM_MEDIUMS));
        utm.put("campaign", pick(Catalog.UTM_CAMPAIGNS));
        return Collections.unmodifiableMap(utm);
    }

    private String referrer() {
        return propRng.chance(0.4) ? null : pick(Catalog.REFERRERS);
    }

    private List<String> someOf(String[] values, double p) {
        List<String> out = new ArrayList<>(values.length);
        for (String v : values) {
            if (propRng.chance(p)) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    private void addItem(Map<String, Object> extra) {
        int item = propRng.nextInt(400);
        extra.put("item_id", "sku_" + (1000 + item));
        extra.put("category", Catalog.CATEGORIES[item % Catalog.CATEGORIES.length]);
        extra.put("price", Json.money(299 + (item * 7919L) % 19_700));
    }

    private void addEventProperties(String name, int user, Map<String, Object> extra) {
        switch (name) {
            case Catalog.PAGE_VIEW -> {
                extra.put("page", pick(Catalog.PAGES, Catalog.PAGE_WEIGHTS));
                extra.put("referrer", referrer());
                extra.put("load_time_ms", 80 + propRng.nextInt(2500));
                if (propRng.chance(0.15)) {
                    extra.put("utm", utm());
                }
            }
            case Catalog.SEARCH -> {
                extra.put("query", pick(Catalog.QUERIES));
                extra.put("results", propRng.nextInt(121));
                extra.put("filters", someOf(Catalog.SEARCH_FILTERS, 0.25));
            }
            case Catalog.VIEW_ITEM -> addItem(extra);
            case Catalog.ADD_TO_CART -> {
                addItem(extra);
                extra.put("quantity", 1 + propRng.nextInt(4));
            }
            case Catalog.CHECKOUT_STARTED -> {
                extra.put("items", 1 + propRng.nextInt(6));
                extra.put("cart_value", Json.money(500 + propRng.nextInt(60_000)));
                extra.put("coupon", propRng.chance(0.8) ? null : pick(Catalog.COUPONS));
                if (propRng.chance(0.3)) {
                    extra.put("experiment", experiment());
                }
            }
            case Catalog.PURCHASE -> {
                int items = 1 + propRng.nextInt(5);
                long cents = items * (500L + propRng.nextInt(9_500));
                extra.put("amount", Json.money(cents));
                extra.put("items", items);
                extra.put("currency", pick(Catalog.CURRENCIES, Catalog.CURRENCY_WEIGHTS));
                extra.put("payment_method", pick(Catalog.PAYMENT_METHODS, Catalog.PAYMENT_WEIGHTS));
                extra.put("coupon", propRng.chance(0.8) ? null : pick(Catalog.COUPONS));
                extra.put("tags", someOf(Catalog.PURCHASE_TAGS, 0.3));
                if (propRng.chance(0.3)) {
                    extra.put("experiment", experiment());
                }
                purchases[user]++;
                spentCents[user] += cents;
            }
            case Catalog.SIGN_UP -> {
                extra.put("signup_method", pick(Catalog.SIGNUP_METHODS, Catalog.SIGNUP_WEIGHTS));
                extra.put("referrer", referrer());
                if (propRng.chance(0.6)) {
                    extra.put("utm", utm());
                }
            }
            case Catalog.LOGIN -> {
                boolean success = propRng.chance(0.95);
                extra.put("login_method", pick(Catalog.LOGIN_METHODS, Catalog.LOGIN_WEIGHTS));
                extra.put("success", success);
                extra.put("attempts", success ? 1 : 1 + propRng.nextInt(4));
            }
            default -> throw new IllegalStateException(name);
        }
    }

    private Map<String, Object> experiment() {
        Map<String, Object> e = new LinkedHashMap<>(4);
        e.put("name", pick(Catalog.EXPERIMENTS));
        e.put("variant", propRng.chance(0.5) ? "A" : "B");
        return Collections.unmodifiableMap(e);
    }

    /** The number of users, active or not. */
    int users() {
        return users;
    }

    /** Whether user {@code u} (0-based) has an event so far. */
    boolean appeared(int u) {
        return firstDay[u] >= 0;
    }

    /** The Engage profile line of user {@code u}; call once the model has run to its end. */
    String profileLine(int u) {
        UserAttrs a = attrs[u];
        LocalDate signup =
                u >= preexisting ? start.plusDays(firstDay[u]) : start.minusDays(a.signedUpDaysBeforeStart());
        Map<String, Object> props = new LinkedHashMap<>(16);
        props.put("$name", a.name());
        props.put("$email", a.email());
        props.put("$last_seen", LAST_SEEN.format(LocalDateTime.ofEpochSecond(lastSeen[u], 0, ZoneOffset.UTC)));
        props.put("$city", Catalog.CITIES[a.city()]);
        props.put("country", Catalog.COUNTRIES[a.city()]);
        props.put("plan", Catalog.PLANS[a.plan()]);
        props.put("signup_date", signup.toString());
        props.put("purchases", purchases[u]);
        props.put("lifetime_value", Json.money(spentCents[u]));
        props.put("marketing_opt_in", a.marketingOptIn());
        props.put("referral_code", a.referralCode());
        props.put("interests", a.interests());
        Map<String, Object> profile = new LinkedHashMap<>(4);
        profile.put("$distinct_id", Ev.distinctId(u));
        profile.put("$properties", props);
        return Json.object(profile);
    }
}
