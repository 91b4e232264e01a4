package io.taskmon.etl.source;

import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer that text is encoded into directly, so building a batch's COPY
 * payload costs one pass and no intermediate strings. Also knows PostgreSQL COPY's text
 * format: fields separated by tabs, {@code \N} for null, backslash escapes.
 */
public final class Utf8Buffer {

    private byte[] bytes;
    private int size;

    public Utf8Buffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    /** The backing array; only the first {@link #size()} bytes are content. */
    public byte[] array() {
        return bytes;
    }

    public void appendByte(char ascii) {
        ensure(1);
        bytes[size++] = (byte) ascii;
    }

    public void appendAscii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
    }

    /** A COPY text field: {@code \N} for null, else the value with its specials escaped. */
    public void appendCopyField(String value) {
        if (value == null) {
            appendAscii("\\N");
            return;
        }
        // Three bytes per char covers every case: escapes take two, a surrogate pair four for two chars.
        ensure(value.length() * 3 + 2);
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> { bytes[size++] = '\\'; bytes[size++] = '\\'; }
                case '\t' -> { bytes[size++] = '\\'; bytes[size++] = 't'; }
                case '\n' -> { bytes[size++] = '\\'; bytes[size++] = 'n'; }
                case '\r' -> { bytes[size++] = '\\'; bytes[size++] = 'r'; }
                // PostgreSQL text cannot hold NUL; such a character is noise in this data, so it is dropped.
                case '\0' -> { }
                default -> {
                    encode(c, i + 1 < n ? value.charAt(i + 1) : 0);
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                        i++;
                    }
                }
            }
        }
    }

    private void encode(char c, char next) {
        if (c < 0x80) {
            bytes[size++] = (byte) c;
        } else if (c < 0x800) {
            bytes[size++] = (byte) (0xC0 | (c >> 6));
            bytes[size++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c) && Character.isLowSurrogate(next)) {
            int cp = Character.toCodePoint(c, next);
            bytes[size++] = (byte) (0xF0 | (cp >> 18));
            bytes[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            bytes[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            bytes[size++] = (byte) (0x80 | (cp & 0x3F));
        } else if (Character.isSurrogate(c)) {
            bytes[size++] = '?';
        } else {
            bytes[size++] = (byte) (0xE0 | (c >> 12));
            bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            bytes[size++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
