package io.taskmon.config;

/**
 * One setting as a process read it.
 *
 * @param name   the environment variable
 * @param value  what it was set to (or its default); null when unset without a default
 * @param secret whether the value must never be shown
 * @param source {@code default}, {@code environment}, or how else it got its value
 */
public record SettingValue(String name, String value, boolean secret, String source) {

    /** The value as {@code ./taskmon config} shows it: secrets masked, unset as {@code (unset)}. */
    public String shown() {
        if (value == null) {
            return "(unset)";
        }
        return secret ? "****" : value;
    }
}
