package io.taskmon.streams;

import io.taskmon.events.AlertType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * Alert ids as name-based UUIDs (version 5) of what raised the alert: the monitor or job, the
 * type, the start of the streak (or stall) and the reminder number. Replaying the same runs gives
 * the same ids, so consumers can drop an alert they have already handled.
 */
final class AlertIds {

    /** Fixed namespace of taskmon alert ids; changing it would change every id on a replay. */
    static final UUID NAMESPACE = UUID.fromString("6f1f9a4e-3c1b-5d7a-9a53-0e6c7b4f2d11");

    private AlertIds() {
    }

    static UUID of(UUID subject, AlertType type, Instant since, int number) {
        return nameBased(subject + "\n" + type.wireName() + "\n" + since + "\n" + number);
    }

    private static UUID nameBased(String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(NAMESPACE.getMostSignificantBits())
                .putLong(NAMESPACE.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
