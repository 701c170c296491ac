package dev.ferry.kafka;

/** A message that cannot become a row; the message says why, naming the column and path. */
final class BadMessageException extends Exception {

    BadMessageException(String message) {
        super(message);
    }
}
