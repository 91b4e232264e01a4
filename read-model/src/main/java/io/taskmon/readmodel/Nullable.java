package io.taskmon.readmodel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A row component that may be null, or that a query may leave out: JDBI's constructor mapper
 * recognises any annotation of this simple name and then maps a missing column to null instead
 * of refusing the row. A list query leaves out what its page does not show (a run's whole event,
 * the job a batch belongs to when the page is that job).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface Nullable {
}
