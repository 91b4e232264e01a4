package io.taskmon.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one reader and writer of ISO-8601 instants in taskmon: event JSON writes them as
 * {@link DateTimeFormatter#ISO_INSTANT} does ({@code 2026-03-01T02:00:00Z},
 * {@code 2026-03-01T02:00:00.250Z}), and reports may send any ISO-8601 date-time, where a time
 * without an offset is UTC ({@link #parse}).
 *
 * <p>Why by hand: every event and every report carries several instants, and the general
 * formatter was a noticeable share of both ingest and stream processing. The common shape
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction][Z|±HH:mm]} is read directly; anything else (years past
 * 9999, offsets with seconds, numbers, leap seconds, errors) takes the standard path, so the
 * accepted set, the results and the error messages are exactly java.time's and Jackson's.
 */
public final class IsoInstantCodec {

    private static final long MIN_FAST_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * 86_400L;
    private static final long MAX_FAST_SECOND = LocalDate.of(9999, 12, 31).toEpochDay() * 86_400L + 86_399L;
    /** ZoneOffset's own limit. */
    private static final int MAX_OFFSET_HOURS = 18;

    private IsoInstantCodec() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("iso-instants");
        module.addSerializer(Instant.class, new Writer());
        module.addDeserializer(Instant.class, new Reader());
        return module;
    }

    /**
     * An ISO-8601 date-time with an offset or {@code Z}, or without one (then UTC), as reports
     * send them; {@link DateTimeParseException} when the text is not one.
     */
    public static Instant parse(String text) {
        Instant quick = quickParse(text);
        if (quick != null) {
            return quick;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    /** The ISO_INSTANT text of the instant. */
    static String format(Instant instant) {
        long second = instant.getEpochSecond();
        if (second < MIN_FAST_SECOND || second > MAX_FAST_SECOND) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        char[] text = new char[30];
        return new String(text, 0, write(instant, second, text));
    }

    /** The instant of ISO_INSTANT-shaped text ({@code Z} only), or null when the text is not that plain shape. */
    static Instant parseFast(String text) {
        return read(text, true);
    }

    /** The instant of the common report shape (no offset, {@code Z} or {@code ±HH:mm}), or null for anything else. */
    static Instant quickParse(String text) {
        return read(text, false);
    }

    /**
     * The hand-read path; null whenever the standard path must decide, including for invalid
     * dates, so that the verdict and its message are the standard ones.
     */
    private static Instant read(String text, boolean utcDesignatorOnly) {
        int length = text.length();
        if (length < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int secondOfMinute = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || secondOfMinute < 0 || secondOfMinute > 59) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (at < length && text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < 9 && isDigit(text.charAt(at))) {
                nanos = nanos * 10 + (text.charAt(at) - '0');
                at++;
            }
            int fractionDigits = at - start;
            if (fractionDigits == 0 || (at < length && isDigit(text.charAt(at)))) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (at + 1 == length && text.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (utcDesignatorOnly) {
            return null;
        } else if (at == length) {
            offsetSeconds = 0;
        } else if (at + 6 == length && (text.charAt(at) == '+' || text.charAt(at) == '-')
                && text.charAt(at + 3) == ':') {
            int offsetHours = digits(text, at + 1, 2);
            int offsetMinutes = digits(text, at + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59 || offsetHours > MAX_OFFSET_HOURS
                    || (offsetHours == MAX_OFFSET_HOURS && offsetMinutes > 0)) {
                return null;
            }
            int sign = text.charAt(at) == '-' ? -1 : 1;
            offsetSeconds = sign * (offsetHours * 3_600 + offsetMinutes * 60);
        } else {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(
                epochDay * 86_400L + hour * 3_600L + minute * 60L + secondOfMinute - offsetSeconds, nanos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int write(Instant instant, long second, char[] out) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(second, 86_400L));
        int secondOfDay = (int) Math.floorMod(second, 86_400L);
        int at = put(out, 0, date.getYear(), 4);
        out[at++] = '-';
        at = put(out, at, date.getMonthValue(), 2);
        out[at++] = '-';
        at = put(out, at, date.getDayOfMonth(), 2);
        out[at++] = 'T';
        at = put(out, at, secondOfDay / 3_600, 2);
        out[at++] = ':';
        at = put(out, at, secondOfDay / 60 % 60, 2);
        out[at++] = ':';
        at = put(out, at, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos > 0) {
            // As ISO_INSTANT: the fraction in groups of three digits, as many as needed.
            out[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                at = put(out, at, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                at = put(out, at, nanos / 1_000, 6);
            } else {
                at = put(out, at, nanos, 9);
            }
        }
        out[at++] = 'Z';
        return at;
    }

    private static int put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    private static final class Writer extends StdScalarSerializer<Instant> {

        Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(format(value));
        }
    }

    private static final class Reader extends StdScalarDeserializer<Instant> {

        Reader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                Instant fast = parseFast(parser.getText().trim());
                if (fast != null) {
                    return fast;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
