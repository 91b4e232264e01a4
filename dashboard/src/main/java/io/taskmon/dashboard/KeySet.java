package io.taskmon.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;

/**
 * A set of keys (viewer keys, admin keys), several valid at once so one can be rotated without
 * downtime. Keys are compared as SHA-256 digests with {@link MessageDigest#isEqual}, and every
 * key is checked, so timing tells an attacker neither how much of a key matched nor which did.
 */
public final class KeySet {

    private final List<byte[]> keyDigests;

    public KeySet(Collection<String> keys) {
        this.keyDigests = keys.stream().map(String::trim).filter(k -> !k.isEmpty()).map(KeySet::digest).toList();
    }

    public boolean isEmpty() {
        return keyDigests.isEmpty();
    }

    public boolean accepts(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] candidate = digest(presented);
        boolean match = false;
        for (byte[] key : keyDigests) {
            match |= MessageDigest.isEqual(key, candidate);
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
