package io.taskmon.notifier;

import java.util.Optional;
import java.util.UUID;

/** Whether a monitor's alerts are explained by another monitor it depends on being down. */
public interface MonitorDependencies {

    /** Why the monitor's alerts are suppressed now (a monitor it depends on has an alert open), or empty. */
    Optional<String> downDependency(UUID monitorId);
}
