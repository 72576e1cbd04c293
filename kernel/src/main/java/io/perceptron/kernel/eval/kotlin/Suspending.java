package io.perceptron.kernel.eval.kotlin;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import kotlin.Result;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.coroutines.intrinsics.IntrinsicsKt;

/**
 * Calls the Kotlin scripting API's {@code suspend} functions from plain Java threads.
 *
 * <p>A suspend function compiles to a method taking a trailing {@link Continuation}; it either
 * returns its result directly or returns the {@code COROUTINE_SUSPENDED} marker and resumes the
 * continuation later. The compiler and evaluator calls we make never really suspend, so the
 * direct path is the normal one, but the other is honoured rather than assumed away.
 */
final class Suspending {

    private Suspending() {
    }

    /**
     * Runs {@code call}, handing it a continuation, and blocks until the result is known.
     *
     * @param call invokes one suspend function with the continuation it is given
     */
    @SuppressWarnings("unchecked")
    static <T> T await(Function<Continuation<Object>, Object> call) {
        CompletableFuture<Object> resumed = new CompletableFuture<>();
        Continuation<Object> continuation = new Continuation<>() {
            @Override
            public CoroutineContext getContext() {
                return EmptyCoroutineContext.INSTANCE;
            }

            @Override
            public void resumeWith(Object result) {
                if (result instanceof Result.Failure failure) {
                    resumed.completeExceptionally(failure.exception);
                } else {
                    resumed.complete(result);
                }
            }
        };
        Object direct = call.apply(continuation);
        if (direct != IntrinsicsKt.getCOROUTINE_SUSPENDED()) {
            return (T) direct;
        }
        try {
            return (T) resumed.join();
        } catch (CompletionException e) {
            throw sneaky(e.getCause());
        }
    }

    /** Rethrows {@code error} unchanged, checked or not (Kotlin code throws checked exceptions freely). */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable error) throws E {
        throw (E) error;
    }
}
