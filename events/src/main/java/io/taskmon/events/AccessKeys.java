package io.taskmon.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;

/**
 * A set of keys (ingest, viewer or admin keys), several valid at once so one can be rotated
 * without downtime. Keys are compared as SHA-256 digests with {@link MessageDigest#isEqual},
 * which takes the same time whatever the input, and every key is checked, so timing tells an
 * attacker neither how much of a key matched nor which key did. Blank keys are ignored.
 */
public final class AccessKeys {

    private final List<byte[]> keyDigests;

    public AccessKeys(Collection<String> keys) {
        this.keyDigests = keys.stream().map(String::trim).filter(k -> !k.isEmpty()).map(AccessKeys::digest).toList();
    }

    public boolean isEmpty() {
        return keyDigests.isEmpty();
    }

    public int size() {
        return keyDigests.size();
    }

    public boolean accepts(String presented) {
        return indexOf(presented) >= 0;
    }

    /** Which configured key was presented (its position among the non-blank keys), or -1. */
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

    /** The key in {@code Authorization: Bearer <key>}, or null. */
    public static String bearer(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return null;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
