package io.taskmon.gateway;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /health}: 200 only when every registered component is up, else 503 naming the ones down. */
@Controller("/health")
public class HealthController {

    /** {@code {"status":"UP","components":{"broker":"UP",...}}}. */
    @Serdeable
    public record Health(String status, Map<String, String> components) {
    }

    private final List<ComponentCheck> checks;

    HealthController(List<ComponentCheck> checks) {
        this.checks = checks;
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
        Health health = new Health(allUp ? "UP" : "DOWN", components);
        return HttpResponse.status(allUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(health);
    }
}
