package dev.mpdata.testing;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The injected {@link ServerFault}s still to be served, and the {@link Plan} they make for each request. A
 * fault is data; only {@link Exchange} and the routes act on a plan.
 */
final class Faults {

    /** The faults that apply to one request. */
    static final class Plan {
        ServerFault outcome;
        Duration latency;
        long rateCap;
        long resetAfter = -1;
        long terminatedAfter = -1;
        int malformed;
        int duplicates;

        /** Tells whether the plan answers with an injected status instead of the route. */
        boolean answersWithStatus() {
            return outcome != null && outcome.kind == ServerFault.Kind.STATUS;
        }
    }

    private static final class Active {
        final ServerFault fault;
        final AtomicInteger remaining;

        Active(ServerFault fault) {
            this.fault = fault;
            this.remaining = new AtomicInteger(fault.times);
        }
    }

    private final List<Active> active = new ArrayList<>();

    synchronized void inject(ServerFault fault) {
        active.add(new Active(fault));
    }

    synchronized void clear() {
        active.clear();
    }

    /** Picks the faults for request {@code number}, using up one of each fault's times. */
    synchronized Plan plan(FakeMixpanelServer.Endpoint endpoint, int number, LocalDate from, LocalDate to) {
        Plan plan = new Plan();
        for (Active a : active) {
            ServerFault f = a.fault;
            if (a.remaining.get() <= 0 || !f.matches(endpoint, number, from, to)) {
                continue;
            }
            if (f.kind.isOutcome() && plan.outcome != null) {
                continue;
            }
            if (f.requestNumbers.length == 0) {
                a.remaining.decrementAndGet();
            }
            switch (f.kind) {
                case STATUS -> plan.outcome = f;
                case RESET -> {
                    plan.outcome = f;
                    plan.resetAfter = f.amount;
                }
                case TERMINATED_EARLY -> {
                    plan.outcome = f;
                    plan.terminatedAfter = f.amount;
                }
                case MALFORMED_LINES -> plan.malformed += (int) f.amount;
                case DUPLICATE_LINES -> plan.duplicates += (int) f.amount;
                case LATENCY -> plan.latency = plan.latency == null ? f.latency : plan.latency.plus(f.latency);
                case RATE_CAP -> plan.rateCap = plan.rateCap == 0 ? f.amount : Math.min(plan.rateCap, f.amount);
            }
        }
        active.removeIf(a -> a.remaining.get() <= 0);
        return plan;
    }
}
