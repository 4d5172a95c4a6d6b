package dev.mpdata.examples;

/**
 * A tiny SplitMix64 pseudo-random generator whose every derived method is written out here.
 *
 * <p>The JDK's generators leave the algorithms of some derived methods (bounded ints, doubles)
 * unspecified, so their output could change between JDK releases; this one cannot, which is what
 * keeps the shipped sample files byte-for-byte reproducible on any JVM.
 *
 * <pre>{@code
 * SplitMix64 rng = new SplitMix64(42);
 * int dieRoll = 1 + rng.nextInt(6);
 * }</pre>
 */
final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** Starts a stream from {@code seed}. */
    SplitMix64(long seed) {
        this.state = seed;
    }

    /** A seed for an independent stream, derived from a parent seed and a stream number. */
    static long derive(long seed, long stream) {
        return mix(seed ^ mix(stream * GOLDEN_GAMMA + 0x632BE59BD9B4E019L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 random bits. */
    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1), 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), without modulo bias; {@code bound} must be positive. */
    int nextInt(int bound) {
        long m = bound;
        long limit = (Long.MAX_VALUE / m) * m;
        long x;
        do {
            x = nextLong() >>> 1;
        } while (x >= limit);
        return (int) (x % m);
    }

    /** True with probability {@code p}. */
    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** An index into {@code cumulative} (running sums of integer weights), chosen by weight. */
    int weighted(int[] cumulative) {
        int r = nextInt(cumulative[cumulative.length - 1]);
        int i = 0;
        while (r >= cumulative[i]) {
            i++;
        }
        return i;
    }

    /** Running sums of {@code weights}, for {@link #weighted(int[])}. */
    static int[] cumulative(int... weights) {
        int[] c = new int[weights.length];
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }
}
