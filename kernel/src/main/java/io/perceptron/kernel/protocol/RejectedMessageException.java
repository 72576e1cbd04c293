package io.perceptron.kernel.protocol;

/** A message that arrived but must not be handled: badly signed or not a Jupyter message. */
final class RejectedMessageException extends Exception {

    /** @param reason why, completing the sentence "the message was dropped because ..." */
    RejectedMessageException(String reason) {
        super(reason);
    }
}
