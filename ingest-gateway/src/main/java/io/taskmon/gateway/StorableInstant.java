package io.taskmon.gateway;

import io.taskmon.web.RequestRejected;
import java.time.Instant;

/**
 * The instants PostgreSQL's timestamptz can hold: from 4714 BC (ISO year -4713) to the end of
 * 294276 AD, at microsecond precision. A report timestamp outside is refused at the edge: the
 * gateway would otherwise acknowledge a run the read model then refuses to store.
 */
final class StorableInstant {

    /** Julian day 0, PostgreSQL's first timestamp. */
    static final Instant MIN = Instant.parse("-4713-11-24T00:00:00Z");
    /** The last microsecond before PostgreSQL's end of timestamps, 294277-01-01. */
    static final Instant MAX = Instant.parse("+294276-12-31T23:59:59.999999Z");

    private StorableInstant() {
    }

    /** The instant itself, or a 400 naming {@code field} when the read model cannot store it. */
    static Instant require(String field, Instant instant) {
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw RequestRejected.badRequest(field + " must be a timestamp from -4713-11-24T00:00:00Z to"
                    + " +294276-12-31T23:59:59.999999Z, the range the run history can store");
        }
        return instant;
    }
}
