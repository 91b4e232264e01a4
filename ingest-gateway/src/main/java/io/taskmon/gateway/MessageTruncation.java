package io.taskmon.gateway;

import java.nio.charset.StandardCharsets;

/** A report's message over the limit is kept, cut at a character boundary and marked, never rejected. */
final class MessageTruncation {

    static final int MESSAGE_MAX_BYTES = 16 * 1024;
    static final String TRUNCATION_MARKER = " …[truncated]";

    private MessageTruncation() {
    }

    /** The message, or its longest prefix that fits {@link #MESSAGE_MAX_BYTES} UTF-8 bytes with the marker. */
    static String truncate(String message) {
        if (message == null) {
            return null;
        }
        byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MESSAGE_MAX_BYTES) {
            return message;
        }
        int budget = MESSAGE_MAX_BYTES - TRUNCATION_MARKER.getBytes(StandardCharsets.UTF_8).length;
        int end = 0;
        int bytes = 0;
        while (end < message.length()) {
            int codePoint = message.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return message.substring(0, end) + TRUNCATION_MARKER;
    }
}
