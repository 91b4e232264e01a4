package io.taskmon.projector;

import java.util.List;

/**
 * Where refused records go. Called inside the batch's database transaction, before its commit:
 * if they cannot be handed over, the transaction rolls back and the batch is retried, so a
 * refused record is never lost (it may be handed over twice after a crash, never zero times).
 */
@FunctionalInterface
public interface DeadLetterSink {

    void publish(List<RefusedRecord> refused);
}
