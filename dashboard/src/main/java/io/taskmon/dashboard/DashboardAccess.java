package io.taskmon.dashboard;

import io.micronaut.http.HttpStatus;
import io.taskmon.events.AccessKeys;
import io.taskmon.web.RequestRejected;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Who may see and change what.
 *
 * <ul>
 *   <li>Reads need a viewer key ({@code Authorization: Bearer}) once viewer keys are configured.</li>
 *   <li>Without viewer keys the dashboard shows data only to this machine (loopback clients);
 *       anyone else gets 403, unless open access is switched on on purpose.</li>
 *   <li>Changes (disable, enable) need an admin key; while none is configured, an ingest key
 *       serves, so a one-person setup works with the key it already has. Setting admin keys
 *       takes that power away from the reporters' keys, which sit on every reporting host.</li>
 * </ul>
 */
public final class DashboardAccess {

    private final AccessKeys viewerKeys;
    private final AccessKeys writeKeys;
    private final boolean writeKeysAreAdminKeys;
    private final boolean remoteWithoutViewerKey;

    public DashboardAccess(AccessKeys viewerKeys, AccessKeys adminKeys, AccessKeys ingestKeys,
                           boolean remoteWithoutViewerKey) {
        this.viewerKeys = viewerKeys;
        this.writeKeysAreAdminKeys = !adminKeys.isEmpty();
        this.writeKeys = writeKeysAreAdminKeys ? adminKeys : ingestKeys;
        this.remoteWithoutViewerKey = remoteWithoutViewerKey;
    }

    public boolean viewerKeyRequired() {
        return !viewerKeys.isEmpty();
    }

    /** Pages and data are for this machine only while no viewer key protects them. */
    public Optional<RequestRejected> checkReach(InetAddress client) {
        if (viewerKeys.isEmpty() && !remoteWithoutViewerKey && (client == null || !client.isLoopbackAddress())) {
            return Optional.of(new RequestRejected(HttpStatus.FORBIDDEN,
                    "The dashboard answers only this machine until viewer keys are set (TASKMON_VIEWER_KEYS)"));
        }
        return Optional.empty();
    }

    public Optional<RequestRejected> checkViewer(String authorization) {
        if (!viewerKeys.isEmpty() && !viewerKeys.accepts(AccessKeys.bearer(authorization))) {
            return Optional.of(new RequestRejected(HttpStatus.UNAUTHORIZED, "Invalid or missing viewer key"));
        }
        return Optional.empty();
    }

    public void requireWriter(String authorization) {
        if (writeKeys.isEmpty()) {
            throw new RequestRejected(HttpStatus.FORBIDDEN,
                    "Changing monitors is switched off: no admin key is configured (TASKMON_ADMIN_KEYS)");
        }
        if (!writeKeys.accepts(AccessKeys.bearer(authorization))) {
            throw new RequestRejected(HttpStatus.UNAUTHORIZED, writeKeysAreAdminKeys
                    ? "Invalid or missing admin key"
                    : "Invalid or missing admin key (an ingest key serves while no admin key is configured)");
        }
    }
}
