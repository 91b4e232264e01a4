package io.taskmon.etl.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Streams CSV records (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) from
 * UTF-8 bytes, one at a time, holding only one buffer of input. A leading byte-order mark is
 * skipped. Each record also exposes its raw text, so rejected rows can be shown as they came.
 *
 * <p>Fields stay bytes: the loader writes them to COPY as they are, so a row is never decoded to
 * strings and encoded back (that round trip was most of the job's own CPU time). Invalid UTF-8 in
 * a record is replaced by U+FFFD first, as a decoding reader would, so what reaches the database
 * is always valid text.
 */
public final class CsvRecordReader implements Closeable {

    /** A record this long is an unclosed quote swallowing the file, not data. */
    static final int MAX_RECORD_BYTES = 4 << 20;

    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int len;
    private boolean eof;
    private boolean started;

    /** The current record's bytes: a slice of {@code buf}, or of a repaired copy. */
    private byte[] record;
    private int recordStart;
    private int recordEnd;
    private boolean hasNul;
    private long lineNumber;
    private long nextLine = 1;

    private byte[][] fieldArrays = new byte[32][];
    private int[] fieldStarts = new int[32];
    private int[] fieldEnds = new int[32];
    private int fieldCount;
    /** Quoted fields, unescaped; fields keep a reference to the array they were written into. */
    private byte[] unquoted = new byte[256];
    private int unquotedLength;

    public CsvRecordReader(InputStream in) {
        this.in = in;
    }

    /** Reads the next record; false at the end of the input. */
    public boolean next() throws IOException {
        if (!started) {
            started = true;
            while (len < 3 && fill()) {
                // a trickling source: gather enough bytes to recognise a byte-order mark
            }
            if (len >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
                pos = 3;
            }
        }
        int scan = pos;
        boolean inQuotes = false;
        boolean valid = true;
        boolean nul = false;
        int newlines = 0;
        while (true) {
            if (scan >= len) {
                int consumed = scan - pos;
                boolean more = fill();
                // fill() may have moved the unread bytes to the front of the buffer.
                scan = pos + consumed;
                if (!more) {
                    if (consumed == 0) {
                        return false;
                    }
                    break;
                }
                continue;
            }
            byte b = buf[scan];
            if (b >= 0) {
                if (b == '"') {
                    inQuotes = !inQuotes;
                } else if (b == '\n') {
                    if (!inQuotes) {
                        break;
                    }
                    newlines++;
                } else if (b == 0) {
                    nul = true;
                }
                scan++;
            } else {
                int sequence = Utf8.sequenceLength(b);
                if (scan + sequence > len && !eof) {
                    // The character straddles the end of the buffer: read on, then look again.
                    int consumed = scan - pos;
                    fill();
                    scan = pos + consumed;
                    continue;
                }
                if (Utf8.isWellFormed(buf, scan, Math.min(len, scan + sequence), sequence)) {
                    scan += sequence;
                } else {
                    valid = false;
                    scan++;
                }
            }
            if (scan - pos > MAX_RECORD_BYTES) {
                throw new SourceFormatException("line " + nextLine + ": a record longer than "
                        + MAX_RECORD_BYTES + " bytes; is a quote left unclosed?");
            }
        }
        int end = scan;
        if (end > pos && buf[end - 1] == '\r') {
            end--;
        }
        if (valid) {
            record = buf;
            recordStart = pos;
            recordEnd = end;
        } else {
            // Rare: decoding replaces each malformed sequence by U+FFFD, encoding gives valid UTF-8.
            record = new String(buf, pos, end - pos, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
            recordStart = 0;
            recordEnd = record.length;
        }
        hasNul = nul;
        pos = Math.min(scan + 1, len);
        lineNumber = nextLine;
        nextLine += newlines + 1;
        split();
        return true;
    }

    /** Moves the unread rest to the front and reads more; false when nothing more came. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, len - pos);
            len -= pos;
            pos = 0;
        }
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int read = in.read(buf, len, buf.length - len);
        if (read < 0) {
            eof = true;
            return false;
        }
        len += read;
        return true;
    }

    private void split() {
        fieldCount = 0;
        unquotedLength = 0;
        byte[] bytes = record;
        int p = recordStart;
        int end = recordEnd;
        while (true) {
            if (p < end && bytes[p] == '"') {
                int start = unquotedLength;
                p++;
                while (p < end) {
                    byte c = bytes[p];
                    if (c == '"') {
                        if (p + 1 < end && bytes[p + 1] == '"') {
                            unquote(c);
                            p += 2;
                        } else {
                            p++;
                            break;
                        }
                    } else {
                        unquote(c);
                        p++;
                    }
                }
                // Text after the closing quote is kept rather than lost: lenient like most readers.
                while (p < end && bytes[p] != ',') {
                    unquote(bytes[p]);
                    p++;
                }
                add(unquoted, start, unquotedLength);
            } else {
                int start = p;
                while (p < end && bytes[p] != ',') {
                    p++;
                }
                add(bytes, start, p);
            }
            if (p >= end) {
                return;
            }
            p++;
            if (p == end) {
                add(bytes, p, p);
                return;
            }
        }
    }

    private void unquote(byte b) {
        if (unquotedLength == unquoted.length) {
            // Fields already split keep the old array, which stays valid for them.
            byte[] grown = Arrays.copyOf(unquoted, unquoted.length * 2);
            unquoted = grown;
        }
        unquoted[unquotedLength++] = b;
    }

    private void add(byte[] array, int start, int end) {
        if (fieldCount == fieldArrays.length) {
            fieldArrays = Arrays.copyOf(fieldArrays, fieldCount * 2);
            fieldStarts = Arrays.copyOf(fieldStarts, fieldCount * 2);
            fieldEnds = Arrays.copyOf(fieldEnds, fieldCount * 2);
        }
        fieldArrays[fieldCount] = array;
        fieldStarts[fieldCount] = start;
        fieldEnds[fieldCount] = end;
        fieldCount++;
    }

    public int fieldCount() {
        return fieldCount;
    }

    /** The i-th field as read (not trimmed), decoded. */
    public String field(int i) {
        return new String(fieldArrays[i], fieldStarts[i], fieldEnds[i] - fieldStarts[i], StandardCharsets.UTF_8);
    }

    /**
     * The array holding the i-th field's UTF-8 bytes, from {@link #fieldStart} to {@link #fieldEnd};
     * valid until the next call of {@link #next()}.
     */
    public byte[] fieldArray(int i) {
        return fieldArrays[i];
    }

    public int fieldStart(int i) {
        return fieldStarts[i];
    }

    public int fieldEnd(int i) {
        return fieldEnds[i];
    }

    /** Whether the record holds a NUL byte, which PostgreSQL text cannot store. */
    public boolean hasNul() {
        return hasNul;
    }

    /** The source line the record starts on (the header is line 1). */
    public long lineNumber() {
        return lineNumber;
    }

    /** The record's text as it appeared, without its line break. */
    public String raw() {
        return new String(record, recordStart, recordEnd - recordStart, StandardCharsets.UTF_8);
    }

    /** Appends the record's bytes (without its line break) to {@code out}: a plain copy, no decoding. */
    public void appendRawTo(ByteSink out) {
        out.append(record, recordStart, recordEnd);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
