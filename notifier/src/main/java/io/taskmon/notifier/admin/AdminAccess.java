package io.taskmon.notifier.admin;

import io.micronaut.http.HttpStatus;
import io.taskmon.events.AccessKeys;
import io.taskmon.web.RequestRejected;

/**
 * Who may change channels and routes: the same rule as for enabling and disabling monitors. An
 * admin key as Bearer; while no admin key is configured, an ingest key serves, so a one-person
 * setup works with the key it has. With neither, changes are switched off.
 */
public final class AdminAccess {

    private final AccessKeys keys;
    private final boolean keysAreAdminKeys;

    public AdminAccess(AccessKeys adminKeys, AccessKeys ingestKeys) {
        this.keysAreAdminKeys = !adminKeys.isEmpty();
        this.keys = keysAreAdminKeys ? adminKeys : ingestKeys;
    }

    public void require(String authorization) {
        if (keys.isEmpty()) {
            throw new RequestRejected(HttpStatus.FORBIDDEN,
                    "Channels and routes are switched off: no admin key is configured (TASKMON_ADMIN_KEYS)");
        }
        if (!keys.accepts(AccessKeys.bearer(authorization))) {
            throw new RequestRejected(HttpStatus.UNAUTHORIZED, keysAreAdminKeys
                    ? "Invalid or missing admin key"
                    : "Invalid or missing admin key (an ingest key serves while no admin key is configured)");
        }
    }
}
