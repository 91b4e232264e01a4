package io.taskmon.etl.schedule;

import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * Time as a schedule sees it: what time it is, and waiting until a given time. The system clock
 * runs schedules in production; a test drives the same loop with a clock it moves by hand, so a
 * nightly schedule can be proven without waiting for the night.
 */
public interface ScheduleClock {

    ZonedDateTime now();

    /** Returns once {@link #now()} has reached {@code time}; an interrupt ends the wait (and the schedule). */
    void waitUntil(ZonedDateTime time) throws InterruptedException;

    /** The machine's clock, in its time zone. */
    ScheduleClock SYSTEM = new ScheduleClock() {

        /**
         * The wall clock may be set while waiting (NTP, a suspended laptop): waking at least once a
         * minute to look again keeps a run from starting far later than its time.
         */
        private static final long MAX_NAP_MS = Duration.ofMinutes(1).toMillis();

        @Override
        public ZonedDateTime now() {
            return ZonedDateTime.now();
        }

        @Override
        public void waitUntil(ZonedDateTime time) throws InterruptedException {
            long waitMs;
            while ((waitMs = Duration.between(now(), time).toMillis()) > 0) {
                Thread.sleep(Math.min(waitMs, MAX_NAP_MS));
            }
        }
    };
}
