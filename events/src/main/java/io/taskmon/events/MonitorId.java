package io.taskmon.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The identity of a monitor: a name-based UUID (version 5, RFC 9562) of
 * {@code task_key + "\n" + kind + "\n" + machine_name} in a fixed namespace.
 *
 * <p>Every component (and any client) derives the same id without a lookup. The newline
 * separator keeps the name unambiguous: task_key and kind cannot contain one, and
 * machine_name comes last. A missing machine_name is the empty string.
 */
public final class MonitorId {

    /** Fixed namespace of taskmon monitor ids; changing it would re-key every topic. */
    public static final UUID NAMESPACE = UUID.fromString("dbc2402f-68b1-43fb-8942-5ac843cb11c7");

    private MonitorId() {
    }

    public static UUID of(String taskKey, String kind, String machineName) {
        if (taskKey == null || kind == null) {
            throw new IllegalArgumentException("task_key and kind are required for a monitor id");
        }
        String name = taskKey + "\n" + kind + "\n" + (machineName == null ? "" : machineName);
        return nameBasedSha1(NAMESPACE, name);
    }

    private static UUID nameBasedSha1(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
