package io.taskmon.standalone;

import io.taskmon.gateway.ComponentCheck;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A health check made of a name, a probe and what to say while it is down; a probe that throws
 * counts as down.
 */
record NamedCheck(String name, BooleanSupplier probe, Supplier<String> reason) implements ComponentCheck {

    NamedCheck(String name, BooleanSupplier probe) {
        this(name, probe, () -> null);
    }

    @Override
    public boolean isUp() {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String whyDown() {
        try {
            return reason.get();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}
