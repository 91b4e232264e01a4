package io.taskmon.etl.transform;

/** Why a source row was not loaded; the names are the {@code error_type} values. */
public enum RejectionType {
    /** 統一編號 (or 總機構統一編號) is not exactly 8 digits. */
    INVALID_BAN,
    /** 統一編號 or 營業人名稱 is empty or a null token. */
    MISSING_FIELD,
    /** The BAN was already loaded by an earlier row of this batch or an earlier batch; the first row wins. */
    DUPLICATE,
    /** 資本額 is not a whole number that fits a bigint. */
    BAD_NUMBER,
    /** 使用統一發票 is neither Y nor N. */
    BAD_VALUE,
    /** The row has another number of fields than the header. */
    MALFORMED_ROW
}
