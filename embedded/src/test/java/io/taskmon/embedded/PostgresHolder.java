package io.taskmon.embedded;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/** Run in a child JVM: starts PostgreSQL on a folder, writes a row, says so, and waits to be killed. */
public final class PostgresHolder {

    private PostgresHolder() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
        try (HikariDataSource dataSource = ConnectionPools.open(server.endpoint(), "holder", 1);
             Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create table kept (name text)");
            statement.execute("insert into kept values ('before the crash')");
        }
        System.out.println("holding");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
