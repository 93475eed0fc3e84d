package dev.arbor.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one request's state changes one at a time, in submission order, without a lock: whichever
 * thread submits to an idle executor drains the queue (on the delegate, when one is given).
 */
final class SerialExecutor implements Executor {
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final Executor delegate;
    private final Runnable drain = this::drain;
    private final java.util.function.Consumer<Throwable> onUnexpected;

    SerialExecutor(Executor delegate, java.util.function.Consumer<Throwable> onUnexpected) {
        this.delegate = delegate;
        this.onUnexpected = onUnexpected;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (wip.getAndIncrement() == 0) {
            if (delegate == null) {
                drain();
            } else {
                delegate.execute(drain);
            }
        }
    }

    private void drain() {
        int missed = 1;
        for (;;) {
            Runnable task;
            while ((task = queue.poll()) != null) {
                try {
                    task.run();
                } catch (Throwable t) {
                    onUnexpected.accept(t);
                }
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
