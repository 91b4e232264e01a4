package io.taskmon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskmon.events.AccessKeys;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Viewer keys, the loopback-only rule without them, and the read-only database login. */
class AccessTest {

    private static ReadModelSeed seed;

    @BeforeAll
    static void seed() {
        seed = new ReadModelSeed("access");
        seed.monitor("nightly_import", "ナイトリー取込", "bat", "WEB-01").failing(2, "取込失敗", java.time.Instant.now())
                .insert();
    }

    @AfterAll
    static void close() {
        seed.close();
    }

    @Test
    void shouldRequireAViewerKeyForEveryReadOnceViewerKeysAreSet() {
        try (DashboardServer dashboard = new DashboardServer(seed, Map.of("TASKMON_VIEWER_KEYS", "view-1,view-2"))) {
            ApiClient client = dashboard.client;
            for (String path : List.of("/api/incidents", "/api/monitors", "/api/alerts", "/api/etl/jobs",
                    "/api/monitors/not-a-uuid")) {
                for (String[] headers : List.of(new String[0], new String[] {"Authorization", "Bearer view-3"},
                        new String[] {"Authorization", "view-1"}, new String[] {"Authorization", "Bearer "})) {
                    ApiClient.Answer refused = client.get(path, headers);
                    assertThat(refused.status()).as(path + " " + List.of(headers)).isEqualTo(401);
                    assertThat(refused.error()).isEqualTo("Invalid or missing viewer key");
                }
            }
            ApiClient.Answer first = client.get("/api/incidents", "Authorization", "Bearer view-1");
            ApiClient.Answer rotated = client.get("/api/incidents", "Authorization", "bearer view-2");
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body().get("count").asLong()).isEqualTo(1);
            assertThat(rotated.status()).isEqualTo(200);

            // The pages carry no data; they load and ask for the key when the API says 401.
            ApiClient.Answer page = client.get("/incidents");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.raw().headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
            assertThat(page.raw().body()).contains("id=\"key-panel\"", "/assets/app.js");
            assertThat(client.get("/assets/app.js").status()).isEqualTo(200);
        }
    }

    @Test
    void shouldServeOnlyThisMachineWhileNoViewerKeyIsSet() throws Exception {
        InetAddress outside = nonLoopbackAddress();
        try (DashboardServer dashboard = new DashboardServer(seed, Map.of("micronaut.server.host", "0.0.0.0"))) {
            int port = dashboard.server.getPort();
            ApiClient loopback = new ApiClient(URI.create("http://127.0.0.1:" + port));
            ApiClient remote = new ApiClient(URI.create("http://" + outside.getHostAddress() + ":" + port));

            assertThat(loopback.get("/api/incidents").status()).isEqualTo(200);
            assertThat(loopback.get("/incidents").status()).isEqualTo(200);
            for (String path : List.of("/api/incidents", "/api/monitors", "/incidents", "/monitors", "/assets/app.js")) {
                ApiClient.Answer refused = remote.get(path);
                assertThat(refused.status()).as(path).isEqualTo(403);
                assertThat(refused.error()).as(path).isEqualTo(
                        "The dashboard answers only this machine until viewer keys are set (TASKMON_VIEWER_KEYS)");
            }
        }
        try (DashboardServer open = new DashboardServer(seed, Map.of("micronaut.server.host", "0.0.0.0",
                "TASKMON_DASHBOARD_REMOTE_WITHOUT_KEY", true))) {
            ApiClient remote = new ApiClient(URI.create("http://" + outside.getHostAddress() + ":" + open.server.getPort()));
            assertThat(remote.get("/api/incidents").status()).as("opened on purpose").isEqualTo(200);
        }
        try (DashboardServer keyed = new DashboardServer(seed, Map.of("micronaut.server.host", "0.0.0.0",
                "TASKMON_VIEWER_KEYS", "view-1"))) {
            ApiClient remote = new ApiClient(URI.create("http://" + outside.getHostAddress() + ":" + keyed.server.getPort()));
            assertThat(remote.get("/api/incidents").status()).isEqualTo(401);
            assertThat(remote.get("/api/incidents", "Authorization", "Bearer view-1").status()).isEqualTo(200);
        }
    }

    @Test
    void shouldDecideReachFromTheClientAddress() throws Exception {
        DashboardAccess closed = new DashboardAccess(new AccessKeys(List.of()), new AccessKeys(List.of()), new AccessKeys(List.of()), false);
        assertThat(closed.checkReach(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(closed.checkReach(InetAddress.getByName("::1"))).isEmpty();
        assertThat(closed.checkReach(InetAddress.getByName("10.1.2.3"))).isPresent();
        assertThat(closed.checkReach(InetAddress.getByName("192.168.0.7"))).isPresent();
        assertThat(closed.checkReach(null)).as("unknown client").isPresent();
        DashboardAccess keyed = new DashboardAccess(new AccessKeys(List.of("k")), new AccessKeys(List.of()), new AccessKeys(List.of()), false);
        assertThat(keyed.checkReach(InetAddress.getByName("10.1.2.3"))).as("the key protects it").isEmpty();
    }

    @Test
    void shouldReadThroughAConnectionThatCannotWrite() {
        DashboardSettings.Database login = new DashboardSettings.Database(
                seed.endpoint.jdbcUrl(), seed.endpoint.user(), seed.endpoint.password(), 1);
        try (ReaderDatabase reader = new ReaderDatabase(login)) {
            long monitors = reader.jdbi().withHandle(h -> h.createQuery("select count(*) from taskmon.task_monitors")
                    .mapTo(Long.class).one());
            assertThat(monitors).isEqualTo(1);
            assertThatThrownBy(() -> reader.jdbi().useHandle(h ->
                    h.execute("update taskmon.task_monitors set enabled = false")))
                    .hasMessageContaining("read-only transaction");
        }
        boolean allEnabled = seed.jdbi.withHandle(h -> h.createQuery("select bool_and(enabled) from taskmon.task_monitors")
                .mapTo(Boolean.class).one());
        assertThat(allEnabled).as("nothing changed").isTrue();
    }

    /** An address of this machine that is not loopback, so a request from it counts as remote. */
    private static InetAddress nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("this test needs a network interface besides loopback"));
    }
}
