package io.taskmon.config;

/**
 * A setting that cannot be used. The message is one sentence naming the setting and the value given,
 * fit to show the user as it is; a process that meets one at start stops with exit code 2.
 */
public final class SettingsException extends RuntimeException {

    public SettingsException(String sentence) {
        super(sentence, null, false, false);
    }
}
