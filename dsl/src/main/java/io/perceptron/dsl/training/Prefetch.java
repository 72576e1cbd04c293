package io.perceptron.dsl.training;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Augmentation;
import io.perceptron.dsl.data.Examples;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prepares the features of the next batches on a background thread while the current batch
 * trains: pictures decoded from their files (see {@code Datasets.imageFolder}) and, for training,
 * changed by an {@link Augmentation}. At most {@value #AHEAD} batches wait ready besides the one
 * being filled, so memory stays bounded whatever the size of the folder.
 *
 * <p>One epoch at a time: {@link #start(int[], int)} hands the order of the examples, then
 * {@link #next()} returns each batch's features in that order. {@link #close()} ends the thread;
 * it also ends on its own when the training thread stops waiting (interrupt) or a picture fails
 * to decode (the failure is rethrown by {@code next()}).
 */
final class Prefetch implements AutoCloseable {
    /** Batches decoded ahead: enough to hide an uneven decode time, few enough to keep memory small. */
    static final int AHEAD = 3;
    /** How long {@link #close()} waits for the thread to finish its current picture. */
    private static final long JOIN_MILLIS = 2_000;
    /** The hash constant of SplittableRandom: spreads (seed, epoch, example) over all 64 bits. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final Examples examples;
    private final int batchSize;
    private final int featureSize;
    private final Augmentation augmentation;
    private final long seed;
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(AHEAD + 2);
    /**
     * Batches that may be decoded and not yet taken: the ready ones and the one being filled. The
     * producer takes a slot before it fills a batch and the training thread gives it back when it
     * takes one, so the bound holds at every moment, not only on average.
     */
    private final Semaphore slots = new Semaphore(AHEAD + 1);
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger mostHeld = new AtomicInteger();
    private volatile Thread worker;
    private int batches;
    private int taken;

    /**
     * @param examples     the examples whose features are read
     * @param batchSize    examples per batch (the last batch of an epoch may be smaller)
     * @param augmentation changes to apply to each picture, or {@link Augmentation#none()}
     * @param seed         the training seed: with it, each picture gets the same change in every run
     */
    Prefetch(Examples examples, int batchSize, Augmentation augmentation, long seed) {
        this.examples = examples;
        this.batchSize = batchSize;
        this.featureSize = Math.toIntExact(product(examples.featureShape()));
        this.augmentation = augmentation;
        this.seed = seed;
    }

    /** Starts preparing the batches of one epoch, in {@code order}; ends any epoch still running. */
    void start(int[] order, int epoch) {
        stopWorker();
        ready.clear();
        held.set(0);
        slots.drainPermits();
        slots.release(AHEAD + 1);
        int[] fixed = order.clone();
        batches = (fixed.length + batchSize - 1) / batchSize;
        taken = 0;
        Thread thread = new Thread(() -> produce(fixed, epoch), "perceptron-prefetch");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    /**
     * The features of the next batch, example after example. Blocks until it is ready.
     *
     * @throws PerceptronException            when a picture could not be decoded (the message names it)
     * @throws InterruptedBatchException when the training thread is interrupted while it waits;
     *                                        the interrupt flag stays set
     */
    float[] next() {
        if (taken >= batches) {
            throw new IllegalStateException("all " + batches + " batches of this epoch were taken");
        }
        Object item;
        try {
            item = ready.take();
        } catch (InterruptedException e) {
            stopWorker();
            Thread.currentThread().interrupt();   // the loop reads the flag and stops as on any interrupt
            throw new InterruptedBatchException();
        }
        if (item instanceof RuntimeException failure) {
            stopWorker();
            throw failure;
        }
        taken++;
        float[] batch = (float[]) item;
        held.addAndGet(-batch.length / featureSize);
        slots.release();
        return batch;
    }

    /** The most pictures held decoded and not yet taken at once so far: at most {@code (AHEAD + 1) x batch size}. */
    int mostHeld() {
        return mostHeld.get();
    }

    /** Whether the background thread is still running. */
    boolean running() {
        Thread thread = worker;
        return thread != null && thread.isAlive();
    }

    @Override
    public void close() {
        stopWorker();
        ready.clear();
        held.set(0);
    }

    private void produce(int[] order, int epoch) {
        try {
            for (int from = 0; from < order.length; from += batchSize) {
                int to = Math.min(order.length, from + batchSize);
                slots.acquire();
                float[] batch = new float[(to - from) * featureSize];
                for (int i = from; i < to; i++) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    int offset = (i - from) * featureSize;
                    examples.copyFeatures(order[i], batch, offset);
                    augmentation.apply(batch, offset, examples.featureShape(), mix(epoch, order[i]));
                    mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
                }
                ready.put(batch);
            }
        } catch (InterruptedException e) {
            // close() or an interrupted training: nothing more is wanted
        } catch (RuntimeException e) {
            // Hand the failure to the training thread, which rethrows it; stop making batches.
            ready.clear();
            ready.offer(e);
        }
    }

    private long mix(int epoch, int example) {
        long z = seed + GOLDEN * (epoch * 0x100000001L + example + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void stopWorker() {
        Thread thread = worker;
        worker = null;
        if (thread == null) {
            return;
        }
        thread.interrupt();
        ready.clear();  // a producer blocked on a full queue wakes on the interrupt either way
        // An interrupted training calls this with its own flag set, and join() would then throw at
        // once without waiting: clear the flag for the wait and set it again afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long product(long[] shape) {
        long p = 1;
        for (long d : shape) {
            p *= d;
        }
        return p;
    }

    /** The training thread was interrupted while it waited for a batch; the loop stops as on any interrupt. */
    static final class InterruptedBatchException extends RuntimeException {
        InterruptedBatchException() {
            super("interrupted while waiting for the next batch", null, false, false);
        }
    }
}
