package io.taskmon.readmodel;

import java.util.Locale;

/** The orders the monitors list offers, each with its SQL clause. */
public enum MonitorOrder {
    /** Alphabetical, the monitors page's default. */
    KEY("task_key, kind, coalesce(machine_name, '')"),
    /** Most recently finished first, as the incidents page lists the rest. */
    LAST_RUN("last_finished_at desc nulls last, task_key");

    private final String clause;

    MonitorOrder(String clause) {
        this.clause = clause;
    }

    public String clause() {
        return clause;
    }

    public String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
