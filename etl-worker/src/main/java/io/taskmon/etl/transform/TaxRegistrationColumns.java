package io.taskmon.etl.transform;

import io.taskmon.etl.source.SourceFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * The dataset's header (全國營業(稅籍)登記資料集) and where each column sits in this file, so that
 * the job does not depend on column order. Every column is required.
 */
public record TaxRegistrationColumns(int fieldCount, int address, int ban, int headquartersBan, int name,
                                     int capital, int setupDate, int organizationType, int usesInvoice,
                                     int[] industryCodes, int[] industryNames) {

    public static final String ADDRESS = "營業地址";
    public static final String BAN = "統一編號";
    public static final String HEADQUARTERS_BAN = "總機構統一編號";
    public static final String NAME = "營業人名稱";
    public static final String CAPITAL = "資本額";
    public static final String SETUP_DATE = "設立日期";
    public static final String ORGANIZATION_TYPE = "組織別名稱";
    public static final String USES_INVOICE = "使用統一發票";
    public static final List<String> INDUSTRY_CODES = List.of("行業代號", "行業代號1", "行業代號2", "行業代號3");
    public static final List<String> INDUSTRY_NAMES = List.of("名稱", "名稱1", "名稱2", "名稱3");

    /** The header in the order the published file has it. */
    public static final List<String> HEADER = List.of(ADDRESS, BAN, HEADQUARTERS_BAN, NAME, CAPITAL, SETUP_DATE,
            ORGANIZATION_TYPE, USES_INVOICE, "行業代號", "名稱", "行業代號1", "名稱1", "行業代號2", "名稱2",
            "行業代號3", "名稱3");

    /** Maps a header record; names are trimmed. */
    public static TaxRegistrationColumns fromHeader(List<String> header) {
        List<String> names = header.stream().map(h -> h == null ? "" : h.replace("\uFEFF", "").strip()).toList();
        List<String> missing = new ArrayList<>();
        for (String column : HEADER) {
            if (!names.contains(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw new SourceFormatException("the header lacks the column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + "; expected " + String.join(",", HEADER));
        }
        int[] codes = INDUSTRY_CODES.stream().mapToInt(names::indexOf).toArray();
        int[] industryNames = INDUSTRY_NAMES.stream().mapToInt(names::indexOf).toArray();
        return new TaxRegistrationColumns(names.size(), names.indexOf(ADDRESS), names.indexOf(BAN),
                names.indexOf(HEADQUARTERS_BAN), names.indexOf(NAME), names.indexOf(CAPITAL),
                names.indexOf(SETUP_DATE), names.indexOf(ORGANIZATION_TYPE), names.indexOf(USES_INVOICE),
                codes, industryNames);
    }
}
