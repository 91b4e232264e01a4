package io.taskmon.etl.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Streams CSV records (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) from
 * a reader, one at a time, holding only one buffer of text. A leading byte-order mark is
 * skipped. Each record also exposes its raw text, so rejected rows can be shown as they came.
 */
public final class CsvRecordReader implements Closeable {

    /** A record this long is an unclosed quote swallowing the file, not data. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private final Reader in;
    private char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private boolean eof;
    private boolean started;

    private String[] fields = new String[32];
    private int fieldCount;
    private int recordStart;
    private int recordEnd;
    private long lineNumber;
    private long nextLine = 1;
    private final StringBuilder quoted = new StringBuilder(128);

    public CsvRecordReader(Reader in) {
        this.in = in;
    }

    /** Reads the next record; false at the end of the input. */
    public boolean next() throws IOException {
        if (!started) {
            started = true;
            fill();
            if (len > 0 && buf[0] == '\uFEFF') {
                pos = 1;
            }
        }
        int scan = pos;
        boolean inQuotes = false;
        int newlines = 0;
        while (true) {
            if (scan >= len) {
                int consumed = scan - pos;
                boolean more = fill();
                // fill() may have moved the unread text to the front of the buffer.
                scan = pos + consumed;
                if (!more) {
                    if (consumed == 0) {
                        return false;
                    }
                    break;
                }
                continue;
            }
            char c = buf[scan];
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '\n') {
                if (!inQuotes) {
                    break;
                }
                newlines++;
            }
            scan++;
            if (scan - pos > MAX_RECORD_CHARS) {
                throw new SourceFormatException("line " + nextLine + ": a record longer than "
                        + MAX_RECORD_CHARS + " characters; is a quote left unclosed?");
            }
        }
        recordStart = pos;
        int end = scan;
        if (end > recordStart && buf[end - 1] == '\r') {
            end--;
        }
        recordEnd = end;
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
        int p = recordStart;
        int end = recordEnd;
        while (true) {
            if (p < end && buf[p] == '"') {
                quoted.setLength(0);
                p++;
                while (p < end) {
                    char c = buf[p];
                    if (c == '"') {
                        if (p + 1 < end && buf[p + 1] == '"') {
                            quoted.append('"');
                            p += 2;
                        } else {
                            p++;
                            break;
                        }
                    } else {
                        quoted.append(c);
                        p++;
                    }
                }
                // Text after the closing quote is kept rather than lost: lenient like most readers.
                int rest = p;
                while (p < end && buf[p] != ',') {
                    p++;
                }
                if (p > rest) {
                    quoted.append(buf, rest, p - rest);
                }
                add(quoted.toString());
            } else {
                int start = p;
                while (p < end && buf[p] != ',') {
                    p++;
                }
                add(new String(buf, start, p - start));
            }
            if (p >= end) {
                return;
            }
            p++;
            if (p == end) {
                add("");
                return;
            }
        }
    }

    private void add(String field) {
        if (fieldCount == fields.length) {
            fields = Arrays.copyOf(fields, fields.length * 2);
        }
        fields[fieldCount++] = field;
    }

    public int fieldCount() {
        return fieldCount;
    }

    /** The i-th field as read (not trimmed); valid until the next call of {@link #next()}. */
    public String field(int i) {
        return fields[i];
    }

    /** The source line the record starts on (the header is line 1). */
    public long lineNumber() {
        return lineNumber;
    }

    /** The record's text as it appeared, without its line break. */
    public String raw() {
        return new String(buf, recordStart, recordEnd - recordStart);
    }

    /** Appends the record's raw text to {@code out}: a plain char copy, no String, no encoding. */
    public void appendRawTo(StringBuilder out) {
        out.append(buf, recordStart, recordEnd - recordStart);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
