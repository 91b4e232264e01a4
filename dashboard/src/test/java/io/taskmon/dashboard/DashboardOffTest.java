package io.taskmon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server that carries the dashboard's jar but not its database setting (a gateway replica)
 * starts without it: no pool, no pages, no read API.
 */
class DashboardOffTest {

    @Test
    void shouldStartWithoutTheDashboardWhenItsDatabaseIsNotConfigured() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("micronaut.server.port", -1, "micronaut.server.host", "127.0.0.1"))) {
            assertThat(server.getApplicationContext().containsBean(ReaderDatabase.class)).isFalse();
            ApiClient client = new ApiClient(server.getURI());
            for (String path : List.of("/api/incidents", "/api/monitors", "/incidents")) {
                ApiClient.Answer answer = client.get(path);
                assertThat(answer.status()).as(path).isEqualTo(404);
            }
        }
    }
}
