package io.taskmon.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import java.util.UUID;

/**
 * The answer to a batch: how many reports Kafka has, how many were refused, and one entry per
 * report in the order sent. An accepted entry carries what the single endpoint answers; a
 * refused one the status the single endpoint would have given (400, 503) and its sentence.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record BatchAnswer(int accepted, int rejected, List<Item> results) {

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, boolean ok, Integer status, UUID monitorId, String taskKey, UUID eventId,
                       String error) {

        static Item accepted(int index, ReportAccepted report) {
            return new Item(index, true, null, report.monitorId(), report.taskKey(), report.eventId(), null);
        }

        static Item refused(int index, HttpStatus status, String error) {
            return new Item(index, false, status.getCode(), null, null, null, error);
        }
    }

    static BatchAnswer of(List<Item> results) {
        int accepted = (int) results.stream().filter(Item::ok).count();
        return new BatchAnswer(accepted, results.size() - accepted, results);
    }

    /** Some report was refused only because Kafka could not take it: retrying later may help. */
    public boolean kafkaRefusedAny() {
        return results.stream().anyMatch(item -> !item.ok() && item.status() == HttpStatus.SERVICE_UNAVAILABLE.getCode());
    }

    /**
     * 200 when every report is in Kafka; 207 when some are and some are not; when none is, 503
     * if Kafka refused any (so a client that only reads the status still retries), else 400.
     */
    public HttpStatus httpStatus() {
        if (rejected == 0) {
            return HttpStatus.OK;
        }
        if (accepted > 0) {
            return HttpStatus.MULTI_STATUS;
        }
        return kafkaRefusedAny() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST;
    }
}
