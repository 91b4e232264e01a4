package io.taskmon.standalone;

/** A setting the user gave that cannot work; the message is shown as is, without a stack trace. */
public final class ConfigurationError extends RuntimeException {

    public ConfigurationError(String message) {
        super(message);
    }
}
