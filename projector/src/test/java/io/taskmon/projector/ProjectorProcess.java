package io.taskmon.projector;

import com.zaxxer.hikari.HikariDataSource;
import io.taskmon.config.PostgresEndpoint;
import io.taskmon.embedded.ConnectionPools;
import io.taskmon.readmodel.ReadModelJdbi;
import java.util.concurrent.CountDownLatch;

/**
 * A projector in a JVM of its own, for tests that kill it for real.
 * Arguments: bootstrap servers, JDBC URL, user, password, consumer group, max records per batch.
 */
public final class ProjectorProcess {

    private ProjectorProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        PostgresEndpoint database = new PostgresEndpoint(args[1], args[2], args[3]);
        HikariDataSource dataSource = ConnectionPools.open(database, "projector-process", 4);
        Projector projector = new Projector(new Projector.Settings(args[0], args[4], "killed-projector",
                Integer.parseInt(args[5])), ReadModelJdbi.create(dataSource));
        projector.start();
        new CountDownLatch(1).await(); // runs until the test kills the process
    }
}
