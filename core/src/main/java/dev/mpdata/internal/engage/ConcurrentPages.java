package dev.mpdata.internal.engage;

import dev.mpdata.internal.http.ApiErrors;
import dev.mpdata.internal.http.ApiRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Fetches pages 1..n-1 on a pool of its own, the first failure stopping the rest. The pool lives only for
 * one {@link EngageApi#all} call; the family's gate still caps how many calls are in flight.
 */
final class ConcurrentPages {
    private final int maxThreads;
    private final IntFunction<EngagePage> fetchPage;

    ConcurrentPages(int maxThreads, IntFunction<EngagePage> fetchPage) {
        this.maxThreads = maxThreads;
        this.fetchPage = fetchPage;
    }

    /**
     * Fetches pages 1 to {@code pageCount - 1} and hands each to {@code deliver}; rethrows the first failure
     * once the pages in flight have ended.
     */
    void fetch(int pageCount, Consumer<EngagePage> deliver, ApiRequest forErrors, ApiErrors errors) {
        int threads = Math.min(maxThreads, pageCount - 1);
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mixpanel-engage-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger nextPage = new AtomicInteger(1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    int p;
                    while (!stop.get() && (p = nextPage.getAndIncrement()) < pageCount) {
                        try {
                            deliver.accept(fetchPage.apply(p));
                        } catch (RuntimeException e) {
                            if (firstFailure.compareAndSet(null, e)) {
                                stop.set(true);
                            }
                            return;
                        }
                    }
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } catch (InterruptedException e) {
            stop.set(true);
            workers.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw errors.interrupted(forErrors, e);
        } catch (ExecutionException e) {
            // Workers catch everything they throw; an ExecutionException here would be an Error.
            throw new IllegalStateException("engage worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        RuntimeException failure = firstFailure.get();
        if (failure != null) {
            throw failure;
        }
    }
}
