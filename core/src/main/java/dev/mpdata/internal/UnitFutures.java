package dev.mpdata.internal;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.storage.Cancellation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Waits for the futures of a fetch's parallel units (export chunks, lake days), one at a time in order. The
 * first unit that fails cancels all the others, so that no worker keeps downloading for a fetch that has
 * already failed, and surfaces as one {@link MixpanelDataException} that names the unit.
 */
public final class UnitFutures {
    private UnitFutures() {}

    /**
     * Returns a unit's result once it is done.
     *
     * @param <T> the unit's result type
     * @param f the unit's future
     * @param all every unit's future, cancelled when this one fails
     * @param cancel a token to look at while waiting, so that a cancel from another thread stops the wait;
     *     null waits without looking
     * @param details the error details naming the unit, e.g. {@code Map.of("range", range)}
     * @param interrupted the message when the wait is interrupted
     * @param failed the message when the unit failed with a cause that is no {@link MixpanelDataException}
     * @return the unit's result
     * @throws MixpanelDataException the unit's own error (its code kept, so callers can map auth, rate limit,
     *     ...), else {@link ErrorCode#INTERRUPTED} or {@link ErrorCode#FETCH_FAILED}
     */
    public static <T> T await(
            Future<T> f,
            List<? extends Future<?>> all,
            Cancellation cancel,
            Map<String, ?> details,
            String interrupted,
            Function<Throwable, String> failed) {
        try {
            return cancel == null ? f.get() : poll(f, all, cancel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(x -> x.cancel(true));
            throw new MixpanelDataException(ErrorCode.INTERRUPTED, interrupted, details, e);
        } catch (CancellationException e) {
            throw new MixpanelDataException(ErrorCode.INTERRUPTED, interrupted, details, e);
        } catch (ExecutionException e) {
            all.forEach(x -> x.cancel(true));
            Throwable c = e.getCause();
            if (c instanceof MixpanelDataException m) {
                throw m;
            }
            throw new MixpanelDataException(ErrorCode.FETCH_FAILED, failed.apply(c), details, c);
        }
    }

    private static <T> T poll(Future<T> f, List<? extends Future<?>> all, Cancellation cancel)
            throws InterruptedException, ExecutionException {
        while (true) {
            if (cancel.isCancelled()) {
                all.forEach(x -> x.cancel(true));
                cancel.throwIfCancelled();
            }
            try {
                return f.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Not yet: look at the token again.
            }
        }
    }
}
