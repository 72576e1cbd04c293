package io.perceptron.kernel.protocol;

/** The kernel's sockets that carry signed messages (the heartbeat carries raw bytes only). */
public enum Channel {
    /** Requests from the front end: execute, complete, inspect, kernel_info, ... */
    SHELL,
    /** Urgent requests that must not wait behind a running cell: interrupt, shutdown. */
    CONTROL,
    /** Broadcasts to every front end: status, streams, results, displays, errors. */
    IOPUB,
    /** Input requests from a cell to the front end (not used yet). */
    STDIN
}
