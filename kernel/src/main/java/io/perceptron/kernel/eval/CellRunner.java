package io.perceptron.kernel.eval;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs cells on a dedicated worker thread so they can be interrupted from another thread, for any
 * language: the steps below are the evaluator's {@link CellControl}.
 *
 * <p>{@link #interrupt()} escalates until the cell ends:
 * <ol>
 *   <li>{@code Thread.interrupt()}: DSL training loops check the flag every batch, blocking calls
 *       ({@code Thread.sleep}) throw; a cell still compiling will not start.</li>
 *   <li>after {@value #GRACE_MILLIS} ms, {@code Thread.stop()}, but only while the cell runs its own
 *       code, never while the compiler does, so the session's state stays whole (JDK 17 to 19).</li>
 *   <li>where the JDK cannot stop threads (20 and later), or the cell survives the stop, the worker
 *       thread is abandoned: the cell is reported as interrupted, a fresh worker runs later cells,
 *       and definitions of earlier cells are kept.</li>
 * </ol>
 * An interrupted cell returns {@code Failure("Interrupted", ...)}. With an evaluator that can only
 * interrupt ({@link CellControl#interruptOnly()}), a cell that ignores the interrupt runs on.
 *
 * <p>Typical use by the protocol layer, with {@code while (true) {}} as the cell:
 * <pre>{@code
 * var runner = new CellRunner(evaluator);
 * // shell thread                              // control thread, on interrupt_request
 * EvalResult r = runner.run(code, count);      runner.interrupt();
 * // r is Failure("Interrupted", ...) within a second; the next run(...) works as before
 * }</pre>
 */
public final class CellRunner implements AutoCloseable {

    /** Time the cell gets to honour {@code Thread.interrupt()} before it is stopped by force. */
    static final long GRACE_MILLIS = 300;
    /** Time a stopped cell gets to unwind before its thread is abandoned. */
    private static final long STOP_GRACE_MILLIS = 1000;
    /** Poll interval while a cell compiles (not stoppable) or has not reached the evaluator yet. */
    private static final long POLL_MILLIS = 10;
    /** Longest {@link #interrupt()} waits for a cell that is still compiling; it will not run once compiled. */
    private static final long COMPILE_WAIT_MILLIS = 5000;
    /** Room for deeply recursive cell code; the JVM's default of about 1 MiB overflows early. */
    private static final long WORKER_STACK_BYTES = 64L * 1024 * 1024;
    private static final AtomicInteger WORKER_IDS = new AtomicInteger();

    private final Evaluator evaluator;
    private final CellControl control;
    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private Thread worker;
    /** Guarded by {@link #lock}. */
    private Task running;
    /** Guarded by {@link #lock}. */
    private boolean closed;

    /** One cell handed to the worker. */
    private static final class Task {
        final String code;
        final Integer cellNumber;
        final CompletableFuture<EvalResult> result = new CompletableFuture<>();

        Task(String code, Integer cellNumber) {
            this.code = code;
            this.cellNumber = cellNumber;
        }

        boolean awaitDone(long millis) {
            try {
                result.get(millis, TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            } catch (ExecutionException e) {
                return true;
            }
        }
    }

    /**
     * Starts a worker thread for {@code evaluator}. The runner does not own the evaluator: close
     * the runner, then the evaluator.
     *
     * @param evaluator runs the cells, and says through {@link Evaluator#cellControl()} how far an
     *                  interrupt may escalate
     */
    public CellRunner(Evaluator evaluator) {
        this.evaluator = evaluator;
        this.control = evaluator.cellControl();
        synchronized (lock) {
            worker = startWorker();
        }
    }

    /** Runs one cell on the worker thread and waits for its result; see {@link Evaluator#evaluate(String)}. */
    public EvalResult run(String code) {
        return submit(new Task(code, null));
    }

    /** Runs one cell named {@code cellNumber} in errors; see {@link Evaluator#evaluate(String, int)}. */
    public EvalResult run(String code, int cellNumber) {
        return submit(new Task(code, cellNumber));
    }

    private EvalResult submit(Task task) {
        synchronized (lock) {
            if (closed) {
                return new EvalResult.Failure(EvalMessages.EVALUATION_ERROR, EvalMessages.closed(), List.of());
            }
            queue.add(task);
        }
        return task.result.join();
    }

    /** Whether a cell is running now. */
    public boolean isRunning() {
        synchronized (lock) {
            return running != null;
        }
    }

    /**
     * Interrupts the running cell, escalating as described on the class, and returns once it has
     * ended or been abandoned (normally within {@value #GRACE_MILLIS} ms plus a little), or after
     * {@value #COMPILE_WAIT_MILLIS} ms if it is still compiling (it will not start once compiled).
     * Does nothing when no cell runs.
     */
    public void interrupt() {
        Task task;
        synchronized (lock) {
            task = running;
        }
        if (task == null || !interruptOnceStarted(task) || task.awaitDone(GRACE_MILLIS)) {
            return;
        }
        long compileDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COMPILE_WAIT_MILLIS);
        while (true) {
            CellControl.Stop outcome;
            synchronized (lock) {
                // Checked under the lock: the worker cannot move on to the next cell meanwhile,
                // so a stop never hits a cell nobody interrupted.
                if (running != task) {
                    return;
                }
                outcome = control.stopCell(worker);
            }
            switch (outcome) {
                case NOT_RUNNING:
                    return;
                case NOT_IN_USER_CODE:
                    if (task.awaitDone(POLL_MILLIS) || System.nanoTime() > compileDeadline) {
                        return;
                    }
                    continue;
                case SENT:
                case ALREADY_SENT:
                    if (task.awaitDone(STOP_GRACE_MILLIS)) {
                        return;
                    }
                    abandon(task);
                    return;
                case UNSUPPORTED:
                default:
                    abandon(task);
                    return;
            }
        }
    }

    /**
     * Sends the first, polite interrupt. The worker marks a task running just before it calls the
     * evaluator, so for a moment the evaluator may not know the cell yet: retry until it does.
     *
     * @return false if the task ended before it could be interrupted
     */
    private boolean interruptOnceStarted(Task task) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        while (true) {
            synchronized (lock) {
                if (running != task) {
                    return false;
                }
                if (control.interruptCell(worker)) {
                    return true;
                }
            }
            if (task.awaitDone(1) || System.nanoTime() > deadline) {
                return !task.result.isDone();
            }
        }
    }

    /** Gives the stuck worker up: the evaluator forgets its cell, and a fresh worker takes the queue. */
    private void abandon(Task task) {
        Optional<EvalResult.Failure> failure;
        synchronized (lock) {
            if (running != task) {
                return;
            }
            failure = control.abandonCell(worker);
            if (failure.isEmpty()) {
                return;
            }
            running = null;
            if (!closed) {
                worker = startWorker();
            }
        }
        task.result.complete(failure.get());
    }

    private Thread startWorker() {
        Thread thread = new Thread(null, this::workLoop, "perceptron-cell-" + WORKER_IDS.incrementAndGet(),
                WORKER_STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void workLoop() {
        while (true) {
            synchronized (lock) {
                // An abandoned worker that comes back, or a closed runner, takes no more cells.
                if (closed || worker != Thread.currentThread()) {
                    return;
                }
            }
            Task task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                continue;
            }
            synchronized (lock) {
                running = task;
            }
            // Threads the cell starts inherit its number, so their late output still finds the cell.
            CellOrigin.set(task.cellNumber);
            EvalResult result;
            try {
                result = task.cellNumber == null
                        ? evaluator.evaluate(task.code)
                        : evaluator.evaluate(task.code, task.cellNumber);
            } catch (RuntimeException | Error e) {
                result = new EvalResult.Failure(EvalMessages.EVALUATION_ERROR, EvalMessages.evaluatorFailed(e), List.of());
            }
            synchronized (lock) {
                if (running == task) {
                    running = null;
                }
            }
            task.result.complete(result);
        }
    }

    /** Stops taking cells: queued cells fail, the running one is interrupted, the worker ends. */
    @Override
    public void close() {
        Thread thread;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            thread = worker;
        }
        interrupt();
        for (Task task; (task = queue.poll()) != null; ) {
            task.result.complete(new EvalResult.Failure(EvalMessages.EVALUATION_ERROR, EvalMessages.closed(), List.of()));
        }
        // Wakes an idle worker from queue.take() so it sees that the runner is closed.
        thread.interrupt();
    }
}
