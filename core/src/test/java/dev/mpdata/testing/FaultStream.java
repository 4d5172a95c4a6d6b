package dev.mpdata.testing;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/** A response body that counts its bytes, throttles them, and drops the connection when the plan says so. */
final class FaultStream extends FilterOutputStream {

    /** Raised to drop a connection mid-body; the JDK server closes the connection on handler errors. */
    static final class InjectedReset extends IOException {
        private static final long serialVersionUID = 1L;

        InjectedReset(long bytes) {
            super("fault injected: connection dropped after " + bytes + " body bytes");
        }
    }

    private final Faults.Plan plan;
    private final AtomicLong counter;
    private final long startNanos = System.nanoTime();
    private long sent;

    // counter adds up the bytes sent; null when nobody asks
    FaultStream(OutputStream out, Faults.Plan plan, AtomicLong counter) {
        super(out);
        this.plan = plan;
        this.counter = counter;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = len;
            if (plan.rateCap > 0) {
                n = (int) Math.min(n, Math.max(1, plan.rateCap / 20));
            }
            if (plan.resetAfter >= 0 && sent + n >= plan.resetAfter) {
                int allowed = (int) (plan.resetAfter - sent);
                out.write(b, off, allowed);
                out.flush();
                count(allowed);
                throw new InjectedReset(plan.resetAfter);
            }
            out.write(b, off, n);
            count(n);
            off += n;
            len -= n;
            if (plan.rateCap > 0) {
                out.flush();
                long dueNanos = (long) (sent * 1e9 / plan.rateCap);
                long aheadMillis = (dueNanos - (System.nanoTime() - startNanos)) / 1_000_000;
                if (aheadMillis > 0) {
                    sleep(aheadMillis);
                }
            }
        }
    }

    private void count(long n) {
        sent += n;
        if (counter != null) {
            counter.addAndGet(n);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }

    static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
