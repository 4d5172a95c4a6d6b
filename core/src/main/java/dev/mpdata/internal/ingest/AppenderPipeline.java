package dev.mpdata.internal.ingest;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.internal.sql.Database;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Stages records from an iterator: converts them on the calling thread (which alone touches the caller's
 * iterator and maps) while an appender thread writes the previous batch, so on two cores the two halves of
 * the work overlap. The appender is created, used and closed on its own thread, as DuckDB requires; the
 * connection is not used by the calling thread meanwhile. At most {@link #IN_FLIGHT} batches exist, so
 * memory is bounded.
 */
final class AppenderPipeline {
    /** Rows between progress reports. */
    static final int BATCH = 50_000;

    /**
     * Rows per batch: DuckDB's vector size, the appender's own flush unit. Small batches keep what is in
     * flight (a few MB) inside the JVM's survivor space, so converted rows die young instead of being
     * promoted to the old generation.
     */
    private static final int CHUNK = 2048;

    private static final int IN_FLIGHT = 2;

    private final Database db;
    private final Layout layout;
    private final String stage;

    AppenderPipeline(Database db, Layout layout, String stage) {
        this.db = db;
        this.layout = layout;
        this.stage = stage;
    }

    /**
     * Stages every record of {@code rows} with ordinals {@code startOrd + 1, …}.
     *
     * @return the number of records staged
     */
    long run(Iterator<? extends Map<String, ?>> rows, LongConsumer progress, long startOrd) {
        BlockingQueue<RowWriter.Batch> full = new ArrayBlockingQueue<>(IN_FLIGHT);
        BlockingQueue<RowWriter.Batch> free = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
        for (int i = 0; i <= IN_FLIGHT; i++) {
            free.add(new RowWriter.Batch(layout, CHUNK));
        }
        RowWriter.Batch end = new RowWriter.Batch(layout, 0);
        DuckDBConnection conn = db.connection();
        FutureTask<Void> writer = new FutureTask<>(() -> {
            try (DuckDBAppender appender = conn.createAppender("temp", "main", stage)) {
                long ord = startOrd + 1;
                for (RowWriter.Batch b = full.take(); b != end; b = full.take()) {
                    int n = b.size;
                    b.appendTo(appender, ord);
                    ord += n;
                    free.put(b);
                }
                appender.flush();
            }
            return null;
        });
        Thread thread = new Thread(writer, "mpdata-appender");
        thread.setDaemon(true);
        thread.start();
        long count = 0;
        try {
            RowWriter.Batch batch = take(free, writer);
            while (rows.hasNext()) {
                batch.add(rows.next(), count);
                count++;
                if (batch.isFull()) {
                    // A cancel from another thread stops the caller's iterator here, a batch at a time.
                    db.interrupter().check();
                    put(full, batch, writer);
                    batch = take(free, writer);
                }
                if (progress != null && count % BATCH == 0) {
                    progress.accept(count);
                }
            }
            put(full, batch, writer);
            put(full, end, writer);
            await(writer);
            return count;
        } catch (RuntimeException | Error e) {
            thread.interrupt();
            awaitQuietly(thread);
            throw e;
        }
    }

    private <T> T take(BlockingQueue<T> q, FutureTask<Void> writer) {
        try {
            T t;
            while ((t = q.poll(100, TimeUnit.MILLISECONDS)) == null) {
                checkWriterAlive(writer);
            }
            return t;
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private <T> void put(BlockingQueue<T> q, T item, FutureTask<Void> writer) {
        try {
            while (!q.offer(item, 100, TimeUnit.MILLISECONDS)) {
                checkWriterAlive(writer);
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** While the caller waits on a queue: if the appender thread has ended, rethrows why. */
    private void checkWriterAlive(FutureTask<Void> writer) {
        if (writer.isDone()) {
            await(writer);
            throw new IllegalStateException("appender stopped early");
        }
    }

    private static MixpanelDataException interrupted(Throwable cause) {
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new MixpanelDataException(
                ErrorCode.INTERRUPTED, "ingest interrupted; nothing was written", Map.of(), cause);
    }

    /** Waits for the appender thread and rethrows what stopped it, translated. */
    private void await(FutureTask<Void> writer) {
        try {
            writer.get();
        } catch (InterruptedException e) {
            throw interrupted(e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof SQLException sql) {
                throw db.translate(sql, "append to stage");
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw interrupted(c);
        }
    }

    private static void awaitQuietly(Thread t) {
        try {
            t.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
