package io.perceptron.kernel.eval.kotlin;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The one thread that ever touches the Kotlin compiler.
 *
 * <p>The K1 REPL compiler keeps per-thread state: once it has compiled a snippet on one thread, a
 * compilation on another thread fails inside the backend ({@code SymbolTableSlice.noScope}). Cells
 * run on whichever thread calls {@code evaluate} (and a new worker replaces an abandoned one), and
 * completion comes from yet another thread, so every compiler call is handed to this thread. It
 * also serialises them, which the compiler needs anyway.
 */
final class CompilerThread implements AutoCloseable {

    /** The compiler recurses deeply on nested expressions; give it room. */
    private static final long STACK_BYTES = 64L * 1024 * 1024;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(null, task, "perceptron-kotlin-compiler", STACK_BYTES);
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Runs {@code work} on the compiler thread and waits for it. The wait ignores interrupts: a
     * compilation cannot be cancelled halfway without corrupting the compiler, and an interrupt
     * aimed at the cell is recorded elsewhere, so the flag is only restored afterwards.
     */
    <T> T call(Supplier<T> work) {
        Future<T> future = executor.submit(work::get);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw Suspending.sneaky(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues {@code work} on the compiler thread without waiting; a failure is dropped (used for warm-up). */
    void later(Runnable work) {
        executor.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                // Optional work: the next real compilation reports any problem in the user's terms.
            }
        });
    }

    /** Lets queued work finish in the background and accepts no more. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
