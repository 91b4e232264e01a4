package io.taskmon.projector;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;

/**
 * Rows in PostgreSQL's COPY text format, sent with one {@code COPY ... FROM STDIN}: several
 * times faster than batched inserts for the run history, which is most of what the projector
 * writes.
 */
final class CopyRows {

    private final StringBuilder text = new StringBuilder(64 * 1024);
    private boolean firstField = true;
    private int rows;

    CopyRows add(Object value) {
        if (!firstField) {
            text.append('\t');
        }
        firstField = false;
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof String s) {
            escape(s);
        } else if (value instanceof Instant || value instanceof UUID || value instanceof Number
                || value instanceof Boolean) {
            text.append(value);
        } else {
            throw new IllegalArgumentException("no COPY text form for " + value.getClass().getSimpleName());
        }
        return this;
    }

    CopyRows endRow() {
        text.append('\n');
        firstField = true;
        rows++;
        return this;
    }

    int rows() {
        return rows;
    }

    /** Sends the rows into {@code table} (columns in the order they were added). */
    long copyInto(Handle handle, String table, List<String> columns) {
        if (rows == 0) {
            return 0;
        }
        String sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
        try {
            PGConnection pg = handle.getConnection().unwrap(PGConnection.class);
            return pg.getCopyAPI().copyIn(sql, new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (SQLException e) {
            throw new CopyFailedException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Backslash, tab, newline and carriage return are the text format's delimiters. NUL cannot
     * be stored in PostgreSQL text at all, so it becomes U+FFFD instead of failing the batch.
     */
    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\0' -> text.append('\uFFFD');
                default -> text.append(c);
            }
        }
    }

    /** A COPY the server refused; carries the SQL state so bad data can be told from an outage. */
    static final class CopyFailedException extends RuntimeException {
        CopyFailedException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
