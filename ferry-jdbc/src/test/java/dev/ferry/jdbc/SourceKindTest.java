package dev.ferry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceKindTest {

    @Test
    void acceptsTheNamesUsersWrite() {
        assertThat(SourceKind.parse("PostgreSQL")).isEqualTo(SourceKind.POSTGRES);
        assertThat(SourceKind.parse("mariadb")).isEqualTo(SourceKind.MYSQL);
        assertThat(SourceKind.parse("mysql").jdbcUrl("h", 1, "d")).isEqualTo("jdbc:mariadb://h:1/d");
        assertThatThrownBy(() -> SourceKind.parse("oracle")).hasMessageContaining("expected postgres or mysql");
    }

    @Test
    void endpointDefaultsThePortAndHidesThePassword() {
        JdbcEndpoint endpoint = new JdbcEndpoint(SourceKind.POSTGRES, "db", 0, "shop", "u", "secret");
        assertThat(endpoint.port()).isEqualTo(5432);
        assertThat(endpoint.toString()).doesNotContain("secret");
    }
}
