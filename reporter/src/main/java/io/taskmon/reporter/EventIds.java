package io.taskmon.reporter;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for event and run ids. Read straight from {@code /dev/urandom} where
 * there is one: {@link UUID#randomUUID()} first loads the JDK's security providers, which costs
 * a short command more than everything else the reporter does before starting it.
 */
final class EventIds {

    private EventIds() {
    }

    static UUID random() {
        byte[] bytes = new byte[16];
        if (!fromUrandom(bytes)) {
            new SecureRandom().nextBytes(bytes);
        }
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bytes[i] & 0xff);
            least = (least << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(most, least);
    }

    private static boolean fromUrandom(byte[] bytes) {
        if (Signals.WINDOWS) {
            return false;
        }
        try (InputStream in = new FileInputStream("/dev/urandom")) {
            return in.readNBytes(bytes, 0, bytes.length) == bytes.length;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
