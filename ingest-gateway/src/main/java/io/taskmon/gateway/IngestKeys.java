package io.taskmon.gateway;

import io.taskmon.events.AccessKeys;
import java.util.Collection;

/**
 * The keys allowed to report runs: at least one must be configured. Several may be valid at
 * once for rotation; {@link AccessKeys} compares them in constant time.
 */
public final class IngestKeys {

    private final AccessKeys keys;

    public IngestKeys(Collection<String> keys) {
        this.keys = new AccessKeys(keys);
        if (this.keys.isEmpty()) {
            throw new IllegalArgumentException(
                    "no ingest key is configured: set TASKMON_INGEST_KEYS, comma-separated");
        }
    }

    public boolean accepts(String presented) {
        return keys.accepts(presented);
    }

    /**
     * Which configured key was presented (its position in the configuration), or -1: the rate
     * limit is per key, so two senders sharing a key share its budget.
     */
    public int indexOf(String presented) {
        return keys.indexOf(presented);
    }

    public int size() {
        return keys.size();
    }

    /** The key a request presents: {@code Authorization: Bearer <key>} or the TC Portal header. */
    public static String presentedKey(String authorization, String tcPortalSecret) {
        String bearer = AccessKeys.bearer(authorization);
        if (bearer != null) {
            return bearer;
        }
        return tcPortalSecret == null ? null : tcPortalSecret.trim();
    }
}
