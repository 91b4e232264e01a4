package io.taskmon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeEndpointsTest {

    @TempDir
    Path home;

    @Test
    void readsBackWhatARunningTaskmonWroteAndNothingOnceItIsRemoved() {
        RuntimeEndpoints written = new RuntimeEndpoints("127.0.0.1:39092",
                new PostgresEndpoint("jdbc:postgresql://127.0.0.1:35432/postgres", "postgres", "s3cr=t"));
        written.writeTo(home);

        assertThat(RuntimeEndpoints.readFrom(home)).contains(written);

        RuntimeEndpoints.removeFrom(home);
        assertThat(RuntimeEndpoints.readFrom(home)).isEmpty();
    }

    @Test
    void treatsAFileWithoutTheEndpointsAsNoRunningTaskmon() throws IOException {
        Files.writeString(home.resolve(RuntimeEndpoints.FILE_NAME), "pg.user=postgres\n");
        assertThat(RuntimeEndpoints.readFrom(home)).isEmpty();
    }
}
