package io.taskmon.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /health}: 200 only when every registered component is up, else 503 naming the ones
 * down; where dead letters are counted, how many wait for replay, which never changes the status.
 */
@Controller("/health")
public class HealthController {

    /** {@code {"status":"UP","components":{"broker":"UP",...},"dead_letters":{"waiting":0}}}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Health(String status, Map<String, String> components,
                         @Nullable @JsonProperty("dead_letters") DeadLetters deadLetters) {
    }

    /** @param latestAt ISO-8601, when the newest waiting dead letter failed; left out when none waits */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeadLetters(long waiting, @Nullable @JsonProperty("latest_at") String latestAt) {
    }

    private final List<ComponentCheck> checks;
    private final Optional<WaitingDeadLetters> deadLetters;

    HealthController(List<ComponentCheck> checks, Optional<WaitingDeadLetters> deadLetters) {
        this.checks = checks;
        this.deadLetters = deadLetters;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Health> health() {
        Map<String, String> components = new TreeMap<>();
        boolean allUp = true;
        for (ComponentCheck check : checks) {
            boolean up = check.isUp();
            allUp &= up;
            components.put(check.name(), up ? "UP" : "DOWN");
        }
        Health health = new Health(allUp ? "UP" : "DOWN", components, deadLetters().orElse(null));
        return HttpResponse.status(allUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(health);
    }

    private Optional<DeadLetters> deadLetters() {
        return deadLetters.flatMap(WaitingDeadLetters::count).map(count -> new DeadLetters(count.waiting(),
                count.latestAt() == null ? null : count.latestAt().toString()));
    }
}
