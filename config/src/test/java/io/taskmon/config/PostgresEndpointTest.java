package io.taskmon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresEndpointTest {

    @Test
    void keepsAJdbcUrlAndTheDefaultCredentials() {
        assertThat(PostgresEndpoint.parse(" jdbc:postgresql://db:5432/taskmon ", "u", "p"))
                .isEqualTo(new PostgresEndpoint("jdbc:postgresql://db:5432/taskmon", "u", "p"));
    }

    @Test
    void turnsALibpqUriIntoJdbcWithItsCredentials() {
        assertThat(PostgresEndpoint.parse("postgresql://ops:s%40cret@db.local:6543/taskmon?sslmode=require", "u", "p"))
                .isEqualTo(new PostgresEndpoint(
                        "jdbc:postgresql://db.local:6543/taskmon?sslmode=require", "ops", "s@cret"));
        assertThat(PostgresEndpoint.parse("postgres://db", "u", "p"))
                .isEqualTo(new PostgresEndpoint("jdbc:postgresql://db/postgres", "u", "p"));
    }

    @Test
    void switchesToAnotherDatabaseKeepingServerAndParameters() {
        PostgresEndpoint endpoint = new PostgresEndpoint("jdbc:postgresql://localhost:5432/postgres?user=x", "u", "p");
        assertThat(endpoint.withDatabase("other"))
                .isEqualTo(new PostgresEndpoint("jdbc:postgresql://localhost:5432/other?user=x", "u", "p"));
        assertThat(new PostgresEndpoint("jdbc:postgresql://db", "u", "p").withDatabase("t").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db/t");
    }

    @Test
    void refusesUrlsItCannotUseWithoutEchoingThePassword() {
        assertThatThrownBy(() -> PostgresEndpoint.parse("", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the database URL is empty");
        assertThatThrownBy(() -> PostgresEndpoint.parse("mysql://root:hunter2@db/x", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with jdbc:postgresql://")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> PostgresEndpoint.parse("postgresql://a b@/x", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
