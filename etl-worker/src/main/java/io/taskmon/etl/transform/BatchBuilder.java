package io.taskmon.etl.transform;

import io.taskmon.etl.source.CsvRecordReader;
import io.taskmon.etl.source.Utf8Buffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns source records into a {@link PreparedBatch}: drops blank rows, checks the required
 * fields, the BAN, the numbers and flags, drops duplicates (the first row of a BAN wins, in this
 * batch and across earlier ones), trims every string, and writes the COPY payloads.
 */
public final class BatchBuilder {

    /** How the published data writes "no value". */
    static final Set<String> NULL_TOKENS = Set.of("", "NULL", "null", "NA", "N/A");

    private final TaxRegistrationColumns columns;
    private final SeenBans seen;
    private final int rejectionCap;
    private final String jobRunId;

    private long number;
    private String batchText;
    private long rowsRead;
    private long loaded;
    private long failed;
    private long duplicated;
    private long blank;
    private long industryRows;
    private Utf8Buffer registrations;
    private Utf8Buffer industries;
    private StringBuilder rawRows;
    private List<Rejection> rejections;
    private long overflow;
    private Map<RejectionType, Long> counts;
    private final String[] values;
    private int registrationCapacity = 1 << 16;
    private int industryCapacity = 1 << 16;
    private int rawCapacity = 1 << 16;

    /**
     * @param rejectionCap rejected rows listed per batch; further ones are only counted
     * @param jobRunId     written into every loaded row, so a row tells which run loaded it
     */
    public BatchBuilder(TaxRegistrationColumns columns, SeenBans seen, int rejectionCap, String jobRunId) {
        this.columns = columns;
        this.seen = seen;
        this.rejectionCap = rejectionCap;
        this.jobRunId = jobRunId;
        this.values = new String[columns.fieldCount()];
    }

    public void start(long batchNumber) {
        number = batchNumber;
        batchText = Long.toString(batchNumber);
        rowsRead = 0;
        loaded = 0;
        failed = 0;
        duplicated = 0;
        blank = 0;
        industryRows = 0;
        // Sized like the batch before, so a steady stream of batches does not regrow its buffers.
        registrations = new Utf8Buffer(registrationCapacity);
        industries = new Utf8Buffer(industryCapacity);
        rawRows = new StringBuilder(rawCapacity);
        rejections = new ArrayList<>();
        overflow = 0;
        counts = new EnumMap<>(RejectionType.class);
    }

    public long rowsRead() {
        return rowsRead;
    }

    public void accept(CsvRecordReader record) {
        rowsRead++;
        record.appendRawTo(rawRows);
        rawRows.append('\n');
        int fieldCount = record.fieldCount();
        boolean allNull = true;
        for (int i = 0; i < fieldCount; i++) {
            String value = clean(record.field(i));
            if (i < values.length) {
                values[i] = value;
            }
            allNull &= value == null;
        }
        if (allNull) {
            blank++;
            return;
        }
        if (fieldCount != columns.fieldCount()) {
            reject(record, RejectionType.MALFORMED_ROW,
                    "the row has " + fieldCount + " fields, the header " + columns.fieldCount());
            return;
        }
        String ban = values[columns.ban()];
        String name = values[columns.name()];
        if (ban == null) {
            reject(record, RejectionType.MISSING_FIELD, TaxRegistrationColumns.BAN + " is missing");
            return;
        }
        if (name == null) {
            reject(record, RejectionType.MISSING_FIELD, TaxRegistrationColumns.NAME + " is missing");
            return;
        }
        int banNumber = banNumber(ban);
        if (banNumber < 0) {
            reject(record, RejectionType.INVALID_BAN,
                    TaxRegistrationColumns.BAN + " '" + ban + "' is not 8 digits");
            return;
        }
        String headquarters = values[columns.headquartersBan()];
        if (headquarters != null && banNumber(headquarters) < 0) {
            reject(record, RejectionType.INVALID_BAN,
                    TaxRegistrationColumns.HEADQUARTERS_BAN + " '" + headquarters + "' is not 8 digits");
            return;
        }
        String capitalText = values[columns.capital()];
        Long capital = null;
        if (capitalText != null) {
            capital = wholeNumber(capitalText);
            if (capital == null) {
                reject(record, RejectionType.BAD_NUMBER,
                        TaxRegistrationColumns.CAPITAL + " '" + capitalText + "' is not a whole number");
                return;
            }
        }
        String invoiceText = values[columns.usesInvoice()];
        String invoice;
        if (invoiceText == null) {
            invoice = null;
        } else if (invoiceText.equals("Y")) {
            invoice = "t";
        } else if (invoiceText.equals("N")) {
            invoice = "f";
        } else {
            reject(record, RejectionType.BAD_VALUE,
                    TaxRegistrationColumns.USES_INVOICE + " '" + invoiceText + "' is neither Y nor N");
            return;
        }
        if (!seen.add(banNumber)) {
            reject(record, RejectionType.DUPLICATE,
                    TaxRegistrationColumns.BAN + " " + ban + " appeared before; the first row is kept");
            return;
        }
        writeRegistration(ban, headquarters, name, capital, invoice);
        writeIndustries(ban);
        loaded++;
    }

    private void writeRegistration(String ban, String headquarters, String name, Long capital, String invoice) {
        Utf8Buffer out = registrations;
        out.appendAscii(ban);
        out.appendByte('\t');
        out.appendCopyField(headquarters);
        out.appendByte('\t');
        out.appendCopyField(name);
        out.appendByte('\t');
        out.appendCopyField(values[columns.address()]);
        out.appendByte('\t');
        if (capital == null) {
            out.appendAscii("\\N");
        } else {
            out.appendAscii(Long.toString(capital));
        }
        out.appendByte('\t');
        out.appendCopyField(values[columns.setupDate()]);
        out.appendByte('\t');
        out.appendCopyField(values[columns.organizationType()]);
        out.appendByte('\t');
        out.appendAscii(invoice == null ? "\\N" : invoice);
        out.appendByte('\t');
        out.appendAscii(jobRunId);
        out.appendByte('\t');
        out.appendAscii(batchText);
        out.appendByte('\n');
    }

    private void writeIndustries(String ban) {
        int[] codes = columns.industryCodes();
        int[] names = columns.industryNames();
        for (int position = 0; position < codes.length; position++) {
            String code = values[codes[position]];
            if (code == null) {
                continue;
            }
            Utf8Buffer out = industries;
            out.appendAscii(ban);
            out.appendByte('\t');
            out.appendByte((char) ('1' + position));
            out.appendByte('\t');
            out.appendCopyField(code);
            out.appendByte('\t');
            out.appendCopyField(values[names[position]]);
            out.appendByte('\n');
            industryRows++;
        }
    }

    private void reject(CsvRecordReader record, RejectionType type, String message) {
        if (type == RejectionType.DUPLICATE) {
            duplicated++;
        } else {
            failed++;
        }
        counts.merge(type, 1L, Long::sum);
        if (rejections.size() < rejectionCap) {
            rejections.add(new Rejection(record.lineNumber(), type, message, record.raw()));
        } else {
            overflow++;
        }
    }

    public PreparedBatch finish(long bytesRead) {
        registrationCapacity = registrations.size() + registrations.size() / 8;
        industryCapacity = industries.size() + industries.size() / 8;
        rawCapacity = rawRows.length() + rawRows.length() / 8;
        return new PreparedBatch(number, rowsRead, loaded, failed, duplicated, blank, registrations, industries,
                industryRows, rawRows, List.copyOf(rejections), overflow, Map.copyOf(counts), bytesRead);
    }

    static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        // Only short values can be null tokens; checking the length first spares hashing every address.
        return value.length() <= 4 && NULL_TOKENS.contains(value) ? null : value;
    }

    /** The BAN as a number, or -1 when it is not exactly 8 ASCII digits. */
    static int banNumber(String text) {
        if (text.length() != 8) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < 8; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** A non-negative whole number of at most 18 digits, or null. */
    static Long wholeNumber(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return null;
        }
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
