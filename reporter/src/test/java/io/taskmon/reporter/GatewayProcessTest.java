package io.taskmon.reporter;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of the reporter as a separate process against one real gateway and broker for the whole
 * class, reading back what the runs topic receives.
 */
abstract class GatewayProcessTest {

    static TestGateway gateway;
    static RunsTopic topic;

    @TempDir
    Path work;

    @BeforeAll
    static void startGateway() {
        gateway = TestGateway.started();
        topic = new RunsTopic();
    }

    @AfterAll
    static void stopGateway() {
        topic.close();
        gateway.close();
    }

    ReporterProcess reporter() {
        return ReporterProcess.against(gateway, work.resolve("spool"));
    }
}
