package dev.mpdata.examples;

import java.util.List;

/**
 * The fixed vocabularies the sample data draws from: event names, cities, browsers, plans and so
 * on, each with integer weights.
 *
 * <pre>{@code
 * String city = Catalog.CITIES[rng.weighted(Catalog.CITY_WEIGHTS)];
 * }</pre>
 */
final class Catalog {
    private Catalog() {}

    static final String PAGE_VIEW = "Page View";
    static final String SEARCH = "Search";
    static final String VIEW_ITEM = "View Item";
    static final String ADD_TO_CART = "Add to Cart";
    static final String CHECKOUT_STARTED = "Checkout Started";
    static final String PURCHASE = "Purchase";
    static final String SIGN_UP = "Sign Up";
    static final String LOGIN = "Login";

    /** Every event name, most frequent first (Sign Up is not drawn: it marks a new user's first event). */
    static final List<String> EVENT_NAMES =
            List.of(PAGE_VIEW, VIEW_ITEM, SEARCH, ADD_TO_CART, LOGIN, CHECKOUT_STARTED, SIGN_UP, PURCHASE);

    /** The names drawn at random, with {@link #DRAWN_WEIGHTS}: a funnel, Page View to Purchase. */
    static final String[] DRAWN = {PAGE_VIEW, VIEW_ITEM, SEARCH, ADD_TO_CART, LOGIN, CHECKOUT_STARTED, PURCHASE};

    static final int[] DRAWN_WEIGHTS = SplitMix64.cumulative(40, 18, 12, 9, 8, 5, 3);

    /** City names; the last entry, null, is a user whose location is unknown. */
    static final String[] CITIES = {
        "San Francisco",
        "New York",
        "Austin",
        "Chicago",
        "Toronto",
        "Québec",
        "London",
        "Berlin",
        "München",
        "Zürich",
        "Paris",
        "Kraków",
        "São Paulo",
        "Ciudad de México",
        "東京",
        "大阪",
        "서울",
        "Bengaluru",
        "Sydney",
        "İstanbul",
        null
    };

    /** Country codes, parallel to {@link #CITIES}. */
    static final String[] COUNTRIES = {
        "US", "US", "US", "US", "CA", "CA", "GB", "DE", "DE", "CH", "FR", "PL", "BR", "MX", "JP", "JP", "KR", "IN",
        "AU", "TR", null
    };

    static final int[] CITY_WEIGHTS =
            SplitMix64.cumulative(8, 10, 5, 5, 4, 1, 7, 5, 3, 3, 5, 2, 5, 3, 5, 2, 3, 5, 3, 2, 2);

    static final String[] BROWSERS = {
        "Chrome", "Safari", "Mobile Safari", "Firefox", "Microsoft Edge", "Samsung Internet"
    };
    static final int[] BROWSER_WEIGHTS = SplitMix64.cumulative(55, 18, 10, 7, 7, 3);

    static final String[] OSES = {"Windows", "Mac OS X", "iOS", "Android", "Linux", "Chrome OS"};

    /** Per browser (parallel to {@link #BROWSERS}): weights over {@link #OSES}. */
    static final int[][] OS_WEIGHTS_BY_BROWSER = {
        SplitMix64.cumulative(45, 25, 0, 20, 5, 5),
        SplitMix64.cumulative(0, 1, 0, 0, 0, 0),
        SplitMix64.cumulative(0, 0, 1, 0, 0, 0),
        SplitMix64.cumulative(50, 20, 0, 0, 30, 0),
        SplitMix64.cumulative(1, 0, 0, 0, 0, 0),
        SplitMix64.cumulative(0, 0, 0, 1, 0, 0)
    };

    static final int[] MOBILE_WIDTHS = {360, 390, 412, 430};
    static final int[] DESKTOP_WIDTHS = {1280, 1366, 1440, 1536, 1920, 2560};

    static final String[] PLANS = {"free", "starter", "pro", "enterprise"};
    static final int[] PLAN_WEIGHTS = SplitMix64.cumulative(60, 20, 15, 5);

    static final String[] PAGES = {
        "/",
        "/pricing",
        "/features",
        "/docs/getting-started",
        "/blog/duckdb-tips",
        "/blog/über-uns",
        "/cart",
        "/account"
    };
    static final int[] PAGE_WEIGHTS = SplitMix64.cumulative(30, 12, 10, 8, 6, 2, 6, 6);

    static final String[] REFERRERS = {
        "https://www.google.com/", "https://news.ycombinator.com/", "https://t.co/", "https://duckduckgo.com/"
    };

    static final String[] QUERIES = {
        "laptop",
        "running shoes",
        "café au lait",
        "Zürich travel guide",
        "東京 ramen",
        "naïve bayes book",
        "gift 🎁",
        "São Paulo map",
        "headphones",
        "garden hose"
    };

    static final String[] CATEGORIES = {"books", "electronics", "garden", "toys", "apparel", "grocery"};

    static final String[] SEARCH_FILTERS = {"in_stock", "free_shipping", "on_sale", "new"};

    static final String[] CURRENCIES = {"USD", "EUR", "GBP"};
    static final int[] CURRENCY_WEIGHTS = SplitMix64.cumulative(80, 15, 5);

    static final String[] PAYMENT_METHODS = {"card", "paypal", "apple_pay", "google_pay"};
    static final int[] PAYMENT_WEIGHTS = SplitMix64.cumulative(60, 20, 12, 8);

    static final String[] PURCHASE_TAGS = {"sale", "gift", "bundle", "express", "first_order"};

    static final String[] COUPONS = {"WINTER10", "WELCOME5", "FREESHIP"};

    static final String[] SIGNUP_METHODS = {"email", "google", "github", "apple"};
    static final int[] SIGNUP_WEIGHTS = SplitMix64.cumulative(50, 30, 12, 8);

    static final String[] LOGIN_METHODS = {"password", "google", "sso", "magic_link"};
    static final int[] LOGIN_WEIGHTS = SplitMix64.cumulative(55, 25, 12, 8);

    static final String[] UTM_SOURCES = {"google", "newsletter", "twitter", "partner"};
    static final String[] UTM_MEDIUMS = {"cpc", "email", "social", "referral"};
    static final String[] UTM_CAMPAIGNS = {"winter_sale", "launch_week", "retargeting"};

    static final String[] EXPERIMENTS = {"new_checkout", "one_click_buy"};

    /** First names as displayed, and their ASCII form for e-mail addresses. */
    static final String[][] FIRST_NAMES = {
        {"Olivia", "olivia"}, {"Liam", "liam"}, {"Emma", "emma"}, {"Noah", "noah"}, {"José", "jose"},
        {"Zoë", "zoe"}, {"Søren", "soren"}, {"Łukasz", "lukasz"}, {"Chloé", "chloe"}, {"Mei", "mei"},
        {"Hiroshi", "hiroshi"}, {"Aarav", "aarav"}, {"Fatima", "fatima"}, {"Björn", "bjorn"}, {"Ana", "ana"},
        {"Mateo", "mateo"}
    };

    /** Last names as displayed, and their ASCII form for e-mail addresses. */
    static final String[][] LAST_NAMES = {
        {"Smith", "smith"}, {"García", "garcia"}, {"Müller", "muller"}, {"Nguyen", "nguyen"},
        {"Kowalski", "kowalski"}, {"O'Brien", "obrien"}, {"Tanaka", "tanaka"}, {"Silva", "silva"},
        {"Johansson", "johansson"}, {"Dubois", "dubois"}, {"Patel", "patel"}, {"Kim", "kim"}
    };

    /** Whole names written in CJK scripts, and an ASCII e-mail handle for each. */
    static final String[][] CJK_NAMES = {{"山田 花子", "hanako.yamada"}, {"王 芳", "fang.wang"}, {"김 민준", "minjun.kim"}};

    static final String[] EMAIL_DOMAINS = {"example.com", "example.org", "example.net"};

    static final String[] INTERESTS = {"analytics", "sql", "design", "travel", "cooking", "music"};
}
