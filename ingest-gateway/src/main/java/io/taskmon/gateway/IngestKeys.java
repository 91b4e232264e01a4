package io.taskmon.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;

/**
 * The keys allowed to report runs. Several may be valid at once, so a key can be rotated
 * without downtime. Keys are compared as SHA-256 digests with {@link MessageDigest#isEqual},
 * which takes the same time whatever the input, and every key is checked, so timing tells an
 * attacker neither how much of a key matched nor which key did.
 */
public final class IngestKeys {

    private final List<byte[]> keyDigests;

    public IngestKeys(Collection<String> keys) {
        List<String> usable = keys.stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException(
                    "no ingest key is configured: set taskmon.ingest.keys (env TASKMON_INGEST_KEYS), comma-separated");
        }
        this.keyDigests = usable.stream().map(IngestKeys::digest).toList();
    }

    public boolean accepts(String presented) {
        return indexOf(presented) >= 0;
    }

    /**
     * Which configured key was presented (its position in the configuration), or -1: the rate
     * limit is per key, so two senders sharing a key share its budget.
     */
    public int indexOf(String presented) {
        if (presented == null || presented.isEmpty()) {
            return -1;
        }
        byte[] candidate = digest(presented);
        int match = -1;
        for (int i = 0; i < keyDigests.size(); i++) {
            if (MessageDigest.isEqual(keyDigests.get(i), candidate)) {
                match = i;
            }
        }
        return match;
    }

    public int size() {
        return keyDigests.size();
    }

    /** The key a request presents: {@code Authorization: Bearer <key>} or the TC Portal header. */
    public static String presentedKey(String authorization, String tcPortalSecret) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return tcPortalSecret == null ? null : tcPortalSecret.trim();
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
