package io.taskmon.etl.transform;

import io.taskmon.etl.source.ByteSink;
import io.taskmon.etl.source.CsvRecordReader;
import io.taskmon.etl.source.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Turns source records into a {@link PreparedBatch}: drops blank rows, checks the required
 * fields, the BAN, the numbers and flags, drops duplicates (the first row of a BAN wins, in this
 * batch and across earlier ones), trims every string, and writes the COPY payloads.
 *
 * <p>Values are checked and copied as the source's UTF-8 bytes; only a rejected row is decoded,
 * for its message. The buffers come from {@link BatchBuffers} and go back there through
 * {@link #recycle} once the batch is committed.
 */
public final class BatchBuilder {

    /** How the published data writes "no value" (besides an empty field). */
    private static final byte[][] NULL_TOKENS = {bytes("NULL"), bytes("null"), bytes("NA"), bytes("N/A")};
    private static final int REGISTRATION_FIELDS = 10;
    private static final int INDUSTRY_FIELDS = 4;
    private final TaxRegistrationColumns columns;
    private final SeenBans seen;
    private final int rejectionCap;
    private final UUID jobRunId;
    private final BatchBuffers pool = new BatchBuffers();
    // The current row's values, trimmed: start and end of each column in the row's field arrays;
    // start -1 is null. Offsets only: a reference stored per field costs a write barrier each.
    private CsvRecordReader row;
    private final int[] starts;
    private final int[] ends;

    private long number;
    private long rowsRead;
    private long loaded;
    private long failed;
    private long duplicated;
    private long blank;
    private long industryRows;
    private BatchBuffers.Set buffers;
    private List<Rejection> rejections;
    private long overflow;
    private Map<RejectionType, Long> counts;

    /**
     * @param rejectionCap rejected rows listed per batch; further ones are only counted
     * @param jobRunId     written into every loaded row, so a row tells which run loaded it
     */
    public BatchBuilder(TaxRegistrationColumns columns, SeenBans seen, int rejectionCap, UUID jobRunId) {
        this.columns = columns;
        this.seen = seen;
        this.rejectionCap = rejectionCap;
        this.jobRunId = jobRunId;
        this.starts = new int[columns.fieldCount()];
        this.ends = new int[columns.fieldCount()];
    }

    public void start(long batchNumber) {
        number = batchNumber;
        rowsRead = 0;
        loaded = 0;
        failed = 0;
        duplicated = 0;
        blank = 0;
        industryRows = 0;
        buffers = pool.take();
        rejections = new ArrayList<>();
        overflow = 0;
        counts = new EnumMap<>(RejectionType.class);
    }

    /** Hands a finished batch's buffers back for a later batch; the batch must not be used after. */
    public void recycle(PreparedBatch batch) {
        pool.recycle(batch);
    }

    public long rowsRead() {
        return rowsRead;
    }

    /** The capacities of the batch's buffers: registrations, industries, raw rows. */
    int[] bufferCapacities() {
        return new int[] {buffers.registrations().capacity(), buffers.industries().capacity(),
                buffers.rawRows().capacity()};
    }

    /** What the batch being built holds so far: both COPY payloads and the rows as read. */
    public long bytesHeld() {
        return buffers.bytesHeld();
    }

    public void accept(CsvRecordReader record) {
        rowsRead++;
        row = record;
        ByteSink raw = buffers.rawRows();
        record.appendRawTo(raw);
        raw.appendByte('\n');
        int fieldCount = record.fieldCount();
        boolean allNull = true;
        for (int i = 0; i < fieldCount; i++) {
            byte[] array = record.fieldArray(i);
            int start = Utf8.stripStart(array, record.fieldStart(i), record.fieldEnd(i));
            int end = Utf8.stripEnd(array, start, record.fieldEnd(i));
            boolean isNull = isNullToken(array, start, end);
            if (i < starts.length) {
                starts[i] = isNull ? -1 : start;
                ends[i] = end;
            }
            allNull &= isNull;
        }
        if (allNull) {
            blank++;
            return;
        }
        if (fieldCount != columns.fieldCount()) {
            reject(record, RejectionType.MALFORMED_ROW,
                    () -> "the row has " + fieldCount + " fields, the header " + columns.fieldCount());
            return;
        }
        int ban = columns.ban();
        int name = columns.name();
        if (isNull(ban)) {
            reject(record, RejectionType.MISSING_FIELD, () -> TaxRegistrationColumns.BAN + " is missing");
            return;
        }
        if (isNull(name)) {
            reject(record, RejectionType.MISSING_FIELD, () -> TaxRegistrationColumns.NAME + " is missing");
            return;
        }
        int banNumber = banNumber(ban);
        if (banNumber < 0) {
            reject(record, RejectionType.INVALID_BAN,
                    () -> TaxRegistrationColumns.BAN + " '" + text(ban) + "' is not 8 digits");
            return;
        }
        int headquarters = columns.headquartersBan();
        if (!isNull(headquarters) && banNumber(headquarters) < 0) {
            reject(record, RejectionType.INVALID_BAN,
                    () -> TaxRegistrationColumns.HEADQUARTERS_BAN + " '" + text(headquarters) + "' is not 8 digits");
            return;
        }
        int capital = columns.capital();
        long capitalAmount = -1;
        if (!isNull(capital)) {
            capitalAmount = wholeNumber(capital);
            if (capitalAmount < 0) {
                reject(record, RejectionType.BAD_NUMBER,
                        () -> TaxRegistrationColumns.CAPITAL + " '" + text(capital) + "' is not a whole number");
                return;
            }
        }
        int invoice = columns.usesInvoice();
        int invoiceFlag = isNull(invoice) ? -1 : yesOrNo(invoice);
        if (invoiceFlag == -2) {
            reject(record, RejectionType.BAD_VALUE,
                    () -> TaxRegistrationColumns.USES_INVOICE + " '" + text(invoice) + "' is neither Y nor N");
            return;
        }
        if (!seen.add(banNumber)) {
            reject(record, RejectionType.DUPLICATE,
                    () -> TaxRegistrationColumns.BAN + " " + text(ban) + " appeared before; the first row is kept");
            return;
        }
        writeRegistration(capitalAmount, invoiceFlag);
        writeIndustries();
        loaded++;
    }

    private void writeRegistration(long capitalAmount, int invoiceFlag) {
        CopyPayload out = buffers.registrations();
        out.startRow(REGISTRATION_FIELDS);
        writeText(out, columns.ban());
        writeText(out, columns.headquartersBan());
        writeText(out, columns.name());
        writeText(out, columns.address());
        if (capitalAmount < 0) {
            out.nullField();
        } else {
            out.int8(capitalAmount);
        }
        writeText(out, columns.setupDate());
        writeText(out, columns.organizationType());
        if (invoiceFlag < 0) {
            out.nullField();
        } else {
            out.bool(invoiceFlag == 1);
        }
        out.uuid(jobRunId);
        out.int8(number);
    }

    private void writeIndustries() {
        int[] codes = columns.industryCodes();
        int[] names = columns.industryNames();
        CopyPayload out = buffers.industries();
        for (int position = 0; position < codes.length; position++) {
            if (isNull(codes[position])) {
                continue;
            }
            out.startRow(INDUSTRY_FIELDS);
            writeText(out, columns.ban());
            out.int2(position + 1);
            writeText(out, codes[position]);
            writeText(out, names[position]);
            industryRows++;
        }
    }

    private void writeText(CopyPayload out, int column) {
        if (isNull(column)) {
            out.nullField();
        } else {
            out.text(row.fieldArray(column), starts[column], ends[column], row.hasNul());
        }
    }

    private boolean isNull(int column) {
        return starts[column] < 0;
    }

    /** The column's trimmed value, decoded: only for messages. */
    private String text(int column) {
        return new String(row.fieldArray(column), starts[column], ends[column] - starts[column], StandardCharsets.UTF_8);
    }

    private void reject(CsvRecordReader record, RejectionType type, Supplier<String> message) {
        if (type == RejectionType.DUPLICATE) {
            duplicated++;
        } else {
            failed++;
        }
        counts.merge(type, 1L, Long::sum);
        if (rejections.size() < rejectionCap) {
            rejections.add(new Rejection(record.lineNumber(), type, message.get(), record.raw()));
        } else {
            overflow++;
        }
    }

    public PreparedBatch finish(long bytesRead) {
        buffers.registrations().finish();
        buffers.industries().finish();
        pool.measure(buffers);
        return new PreparedBatch(number, rowsRead, loaded, failed, duplicated, blank, buffers.registrations(),
                buffers.industries(), industryRows, buffers.rawRows(), List.copyOf(rejections), overflow,
                Map.copyOf(counts), bytesRead);
    }

    /** Empty, or one of the null tokens: no value. */
    static boolean isNullToken(byte[] array, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return true;
        }
        // Only short values can be null tokens; checking the length first spares comparing every address.
        if (length > 4) {
            return false;
        }
        for (byte[] token : NULL_TOKENS) {
            if (token.length == length && java.util.Arrays.equals(array, start, end, token, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** The column's BAN as a number, or -1 when it is not exactly 8 ASCII digits. */
    private int banNumber(int column) {
        byte[] array = row.fieldArray(column);
        int start = starts[column];
        if (ends[column] - start != 8) {
            return -1;
        }
        int n = 0;
        for (int i = start; i < start + 8; i++) {
            int digit = array[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            n = n * 10 + digit;
        }
        return n;
    }

    /** The column as a non-negative whole number of at most 18 digits, or -1. */
    private long wholeNumber(int column) {
        byte[] array = row.fieldArray(column);
        int start = starts[column];
        int end = ends[column];
        if (end - start > 18) {
            return -1;
        }
        long n = 0;
        for (int i = start; i < end; i++) {
            int digit = array[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            n = n * 10 + digit;
        }
        return n;
    }

    /** 1 for Y, 0 for N, -2 for anything else. */
    private int yesOrNo(int column) {
        if (ends[column] - starts[column] != 1) {
            return -2;
        }
        byte flag = row.fieldArray(column)[starts[column]];
        return flag == 'Y' ? 1 : flag == 'N' ? 0 : -2;
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
