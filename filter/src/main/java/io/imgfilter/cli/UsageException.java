package io.imgfilter.cli;

/** A mistake in the command line or its environment: reported in one line, exit code 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message, null, false, false);
    }
}
