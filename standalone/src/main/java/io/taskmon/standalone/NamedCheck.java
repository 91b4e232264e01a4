package io.taskmon.standalone;

import io.taskmon.gateway.ComponentCheck;
import java.util.function.BooleanSupplier;

/** A health check made of a name and a probe; a probe that throws counts as down. */
record NamedCheck(String name, BooleanSupplier probe) implements ComponentCheck {

    @Override
    public boolean isUp() {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
