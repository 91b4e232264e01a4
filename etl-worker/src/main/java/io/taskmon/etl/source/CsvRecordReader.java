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

    /**
     * Whether a field lies in {@code unquoted} rather than in {@code record}: a flag, not the
     * array itself, because storing a reference per field costs a garbage-collector write
     * barrier each, which took an eighth of the job's parsing time.
     */
    private boolean[] fieldUnquoted = new boolean[32];
    private int[] fieldStarts = new int[32];
    private int[] fieldEnds = new int[32];
    private int fieldCount;
    /** Quoted fields, unescaped; growing it keeps every byte where it was, so fields stay valid. */
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
        // The buffer and its length in locals: this loop runs once per byte of the file, and the
        // job's JVM compiles with C1 only, which reloads a field on every use.
        byte[] data = buf;
        int limit = len;
        while (true) {
            if (scan >= limit) {
                int consumed = scan - pos;
                requireRecordFits(consumed);
                boolean more = fill();
                data = buf;
                limit = len;
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
            byte b = data[scan];
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
            } else if ((b & 0xF0) == 0xE0 && b != (byte) 0xE0 && b != (byte) 0xED && scan + 2 < limit
                    && (data[scan + 1] & 0xC0) == 0x80 && (data[scan + 2] & 0xC0) == 0x80) {
                // A three-byte character led by E1 to EC or EE to EF, which take any continuation
                // byte second (E0 and ED do not: Utf8.isWellFormed checks them). Chinese text is
                // almost all of these, so they are checked here, without a call.
                scan += 3;
            } else {
                int sequence = Utf8.sequenceLength(b);
                if (scan + sequence > limit && !eof) {
                    // The character straddles the end of the buffer: read on, then look again.
                    int consumed = scan - pos;
                    requireRecordFits(consumed);
                    fill();
                    data = buf;
                    limit = len;
                    scan = pos + consumed;
                    continue;
                }
                if (Utf8.isWellFormed(data, scan, Math.min(limit, scan + sequence), sequence)) {
                    scan += sequence;
                } else {
                    valid = false;
                    scan++;
                }
            }
        }
        requireRecordFits(scan - pos);
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

    /**
     * Checked when a record needs more input and once it is complete, rather than per byte: the
     * buffer only grows while a record is being read, so a record cannot pass the limit unseen.
     */
    private void requireRecordFits(int recordBytes) {
        if (recordBytes > MAX_RECORD_BYTES) {
            throw new SourceFormatException("line " + nextLine + ": a record longer than "
                    + MAX_RECORD_BYTES + " bytes; is a quote left unclosed?");
        }
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
                add(true, start, unquotedLength);
            } else {
                int start = p;
                while (p < end && bytes[p] != ',') {
                    p++;
                }
                add(false, start, p);
            }
            if (p >= end) {
                return;
            }
            p++;
            if (p == end) {
                add(false, p, p);
                return;
            }
        }
    }

    private void unquote(byte b) {
        if (unquotedLength == unquoted.length) {
            unquoted = Arrays.copyOf(unquoted, unquoted.length * 2);
        }
        unquoted[unquotedLength++] = b;
    }

    private void add(boolean inUnquoted, int start, int end) {
        int n = fieldCount;
        if (n == fieldUnquoted.length) {
            fieldUnquoted = Arrays.copyOf(fieldUnquoted, n * 2);
            fieldStarts = Arrays.copyOf(fieldStarts, n * 2);
            fieldEnds = Arrays.copyOf(fieldEnds, n * 2);
        }
        fieldUnquoted[n] = inUnquoted;
        fieldStarts[n] = start;
        fieldEnds[n] = end;
        fieldCount = n + 1;
    }

    public int fieldCount() {
        return fieldCount;
    }

    /** The i-th field as read (not trimmed), decoded. */
    public String field(int i) {
        return new String(fieldArray(i), fieldStarts[i], fieldEnds[i] - fieldStarts[i], StandardCharsets.UTF_8);
    }

    /**
     * The array holding the i-th field's UTF-8 bytes, from {@link #fieldStart} to {@link #fieldEnd};
     * valid until the next call of {@link #next()}.
     */
    public byte[] fieldArray(int i) {
        return fieldUnquoted[i] ? unquoted : record;
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
