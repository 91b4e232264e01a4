package io.taskmon.projector;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary COPY format, streamed with one {@code COPY ... FROM STDIN (FORMAT
 * binary)}. Binary spares both sides the text forms: Java formats no timestamps or UUIDs and
 * escapes nothing, and PostgreSQL parses none of them back. The rows go to the server in chunks
 * while the next ones are encoded, so the server inserts while Java works.
 *
 * <p>Each value is written by the method of its column's type; a value of the wrong width would
 * be refused by the server, so the caller names the type with the call.
 */
final class CopyRows implements AutoCloseable {

    /** Enough rows for the server to work on while Java encodes the next chunk. */
    private static final int CHUNK_BYTES = 256 * 1024;
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, // flags: no OIDs
            0, 0, 0, 0}; // no header extension
    /** Seconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    /**
     * Out of timestamptz's range but not its infinities ({@code Long.MAX_VALUE} and
     * {@code MIN_VALUE}): the server refuses an instant Java holds and PostgreSQL cannot, as it
     * refuses its text form.
     */
    private static final long TIMESTAMP_OUT_OF_RANGE = Long.MAX_VALUE - 1;
    private static final byte JSONB_VERSION = 1;
    private static final byte[] REPLACEMENT_CHARACTER = "\uFFFD".getBytes(StandardCharsets.UTF_8);

    private final CopyIn copy;
    private final short columns;
    private byte[] buffer = new byte[CHUNK_BYTES + 64 * 1024];
    private int length;
    private int fieldsInRow;
    private int rows;

    private CopyRows(CopyIn copy, int columns) {
        this.copy = copy;
        this.columns = (short) columns;
        put(HEADER);
    }

    /** Starts a COPY into {@code table}; add each row's values in the order of {@code columns}, then close. */
    static CopyRows into(Handle handle, String table, List<String> columns) {
        String sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin (format binary)";
        try {
            PGConnection pg = handle.getConnection().unwrap(PGConnection.class);
            return new CopyRows(pg.getCopyAPI().copyIn(sql), columns.size());
        } catch (SQLException e) {
            throw new CopyFailedException(e);
        }
    }

    CopyRows uuid(UUID value) {
        if (startField(value)) {
            putInt(16);
            putLong(value.getMostSignificantBits());
            putLong(value.getLeastSignificantBits());
        }
        return this;
    }

    /**
     * NUL cannot be stored in PostgreSQL text at all, so it becomes U+FFFD instead of failing
     * the batch.
     */
    CopyRows text(String value) {
        if (startField(value)) {
            putUtf8(value, false);
        }
        return this;
    }

    /** A jsonb value from its JSON text (the binary form is a version byte and the text). */
    CopyRows jsonb(String value) {
        if (startField(value)) {
            putUtf8(value, true);
        }
        return this;
    }

    /**
     * Microseconds since 2000-01-01 UTC, rounded as PostgreSQL rounds the fraction of a
     * timestamp's text form (to the nearest microsecond, ties to even), so both forms store the
     * same value.
     */
    CopyRows timestamp(Instant value) {
        if (startField(value)) {
            putInt(8);
            putLong(postgresMicros(value));
        }
        return this;
    }

    CopyRows int8(Long value) {
        if (startField(value)) {
            putInt(8);
            putLong(value);
        }
        return this;
    }

    CopyRows int4(Integer value) {
        if (startField(value)) {
            putInt(4);
            putInt(value);
        }
        return this;
    }

    CopyRows bool(boolean value) {
        startField(Boolean.TRUE);
        putInt(1);
        ensure(1);
        buffer[length++] = (byte) (value ? 1 : 0);
        return this;
    }

    CopyRows endRow() {
        if (fieldsInRow != columns) {
            throw new IllegalStateException("a row of " + fieldsInRow + " values for " + columns + " columns");
        }
        fieldsInRow = 0;
        rows++;
        if (length >= CHUNK_BYTES) {
            flush();
        }
        return this;
    }

    /** Ends the COPY; the server checks the rows' constraints now at the latest. Returns the rows copied. */
    long finish() {
        ensure(2);
        buffer[length++] = (byte) 0xff; // the file trailer: a field count of -1
        buffer[length++] = (byte) 0xff;
        flush();
        try {
            copy.endCopy();
            return rows;
        } catch (SQLException e) {
            throw new CopyFailedException(e);
        }
    }

    /** Abandons an unfinished COPY (the transaction is rolled back anyway). */
    @Override
    public void close() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // The connection is broken or the server ended the COPY itself; the transaction fails either way.
            }
        }
    }

    static long postgresMicros(Instant value) {
        long micros = Math.round(Math.rint(value.getNano() / 1e9 * 1e6));
        try {
            return Math.addExact(Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                    micros);
        } catch (ArithmeticException e) {
            return value.getEpochSecond() > 0 ? TIMESTAMP_OUT_OF_RANGE : -TIMESTAMP_OUT_OF_RANGE;
        }
    }

    private boolean startField(Object value) {
        if (fieldsInRow == 0) {
            ensure(2);
            buffer[length++] = (byte) (columns >>> 8);
            buffer[length++] = (byte) columns;
        }
        fieldsInRow++;
        if (value == null) {
            putInt(-1);
            return false;
        }
        return true;
    }

    private void putUtf8(String value, boolean jsonb) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int nuls = 0;
        for (byte b : bytes) {
            if (b == 0) {
                nuls++;
            }
        }
        int prefix = jsonb ? 1 : 0;
        putInt(prefix + bytes.length + nuls * (REPLACEMENT_CHARACTER.length - 1));
        if (jsonb) {
            ensure(1);
            buffer[length++] = JSONB_VERSION;
        }
        if (nuls == 0) {
            put(bytes);
            return;
        }
        for (byte b : bytes) {
            if (b == 0) {
                put(REPLACEMENT_CHARACTER);
            } else {
                ensure(1);
                buffer[length++] = b;
            }
        }
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void putInt(int value) {
        ensure(4);
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private void flush() {
        if (length == 0) {
            return;
        }
        try {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        } catch (SQLException e) {
            throw new CopyFailedException(e);
        }
    }

    /** A COPY the server refused; carries the SQL state so bad data can be told from an outage. */
    static final class CopyFailedException extends RuntimeException {
        CopyFailedException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
