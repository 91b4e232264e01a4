package io.taskmon.readmodel;

/**
 * What the monitors list is narrowed to; a null field does not filter.
 *
 * @param health     new | up | failing
 * @param lastStatus success | failed | running
 * @param machine    exact machine name; the empty string means "reports name no machine"
 * @param pattern    an ILIKE pattern matched against task key and task name
 */
public record MonitorFilter(String health, String lastStatus, String kind, String machine, Boolean enabled,
                            String pattern) {
}
