package io.taskmon.etl;

import io.taskmon.etl.schedule.ScheduleClock;
import java.time.ZonedDateTime;

/**
 * A schedule's clock that moves only when the test says so. A wait blocks until the time is set
 * to (or past) its end; the test can see what time a waiter waits for and how often it has
 * looked at the clock, so it knows a waiter has seen a new time and still waits.
 */
final class ManualClock implements ScheduleClock {

    private ZonedDateTime now;
    private ZonedDateTime waitingFor;
    private long looks;

    ManualClock(ZonedDateTime start) {
        this.now = start;
    }

    @Override
    public synchronized ZonedDateTime now() {
        return now;
    }

    @Override
    public synchronized void waitUntil(ZonedDateTime time) throws InterruptedException {
        waitingFor = time;
        try {
            while (true) {
                looks++;
                if (!now.isBefore(time)) {
                    return;
                }
                wait();
            }
        } finally {
            waitingFor = null;
        }
    }

    synchronized void set(ZonedDateTime time) {
        now = time;
        notifyAll();
    }

    /** The time a waiter waits for, or null when nobody waits. */
    synchronized ZonedDateTime waitingFor() {
        return waitingFor;
    }

    /** How many times a waiter has compared the clock with its time. */
    synchronized long looks() {
        return looks;
    }
}
