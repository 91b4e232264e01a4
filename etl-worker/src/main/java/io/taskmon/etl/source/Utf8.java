package io.taskmon.etl.source;

/**
 * What the job needs to know about UTF-8 bytes without decoding them: whether a sequence is well
 * formed (the rules of the Unicode standard, table 3-7, which Java's decoder follows too) and
 * where white space is, so values can be trimmed exactly as {@link String#strip()} would.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** The length a sequence starting with this byte claims: 1 for ASCII and for bytes that cannot start one. */
    static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        if (b < 0xC2) {
            return 1;
        }
        if (b < 0xE0) {
            return 2;
        }
        if (b < 0xF0) {
            return 3;
        }
        return b < 0xF5 ? 4 : 1;
    }

    /** Whether {@code bytes[at, at + length)} (cut short at {@code limit}) is one well-formed non-ASCII character. */
    static boolean isWellFormed(byte[] bytes, int at, int limit, int length) {
        if (length < 2 || at + length > limit) {
            return false;
        }
        int lead = bytes[at] & 0xFF;
        int second = bytes[at + 1] & 0xFF;
        // The second byte's range excludes overlong forms (E0, F0), surrogates (ED) and code points past U+10FFFF (F4).
        int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
        int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
        if (second < low || second > high) {
            return false;
        }
        for (int i = at + 2; i < at + length; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * The length in bytes of the white space character at {@code at} (before {@code end}), or 0.
     * White space is {@link Character#isWhitespace(int)}: the ASCII controls \t \n \u000B \f \r and
     * \u001C to \u001F, the space, and U+1680, U+2000 to U+2006, U+2008 to U+200A, U+2028, U+2029,
     * U+205F and U+3000 (the ideographic space of CJK text). The input is well-formed UTF-8.
     */
    public static int whitespaceAt(byte[] bytes, int at, int end) {
        int b = bytes[at];
        if (b >= 0) {
            return b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1C && b <= 0x1F) ? 1 : 0;
        }
        if (at + 3 > end) {
            return 0;
        }
        int lead = b & 0xFF;
        int second = bytes[at + 1] & 0xFF;
        int third = bytes[at + 2] & 0xFF;
        boolean space = switch (lead) {
            case 0xE1 -> second == 0x9A && third == 0x80;
            case 0xE2 -> second == 0x80 && ((third >= 0x80 && third <= 0x8A && third != 0x87) || third == 0xA8 || third == 0xA9)
                    || second == 0x81 && third == 0x9F;
            case 0xE3 -> second == 0x80 && third == 0x80;
            default -> false;
        };
        return space ? 3 : 0;
    }

    /** Where {@code bytes[start, end)} begins once leading white space is skipped. */
    public static int stripStart(byte[] bytes, int start, int end) {
        int n;
        while (start < end && (n = whitespaceAt(bytes, start, end)) > 0) {
            start += n;
        }
        return start;
    }

    /** Where {@code bytes[start, end)} ends once trailing white space is dropped. */
    public static int stripEnd(byte[] bytes, int start, int end) {
        while (end > start) {
            if (whitespaceAt(bytes, end - 1, end) == 1) {
                end--;
            } else if (end - 3 >= start && whitespaceAt(bytes, end - 3, end) == 3) {
                end -= 3;
            } else {
                return end;
            }
        }
        return end;
    }
}
