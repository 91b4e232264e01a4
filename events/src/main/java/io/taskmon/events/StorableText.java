package io.taskmon.events;

/**
 * Text as the read model can keep it. PostgreSQL's text and jsonb hold neither NUL nor half of a
 * UTF-16 surrogate pair (a lone {@code \ud800} in JSON), and a run carrying either would be
 * acknowledged by the gateway yet never reach the history. Each such character becomes U+FFFD,
 * one character for one, so length limits checked before still hold.
 *
 * <p>Applied to every free-text field of an event when the event record is built, so the gateway,
 * a replay of old topic data and every consumer see the same text.
 */
public final class StorableText {

    public static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    /** The text itself when it is storable (the common case allocates nothing), else a cleaned copy. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnstorable(text);
        return first < 0 ? text : replaceFrom(text, first);
    }

    public static boolean isStorable(String text) {
        return text == null || firstUnstorable(text) < 0;
    }

    private static int firstUnstorable(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return i;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String replaceFrom(String text, int first) {
        char[] chars = text.toCharArray();
        for (int i = first; i < chars.length; i++) {
            char c = chars[i];
            if (c == 0) {
                chars[i] = REPLACEMENT;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                    i++;
                } else {
                    chars[i] = REPLACEMENT;
                }
            }
        }
        return new String(chars);
    }
}
