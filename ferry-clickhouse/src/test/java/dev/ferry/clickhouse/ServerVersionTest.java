package dev.ferry.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerVersionTest {

    @Test
    void parsesOldAndModernVersions() {
        assertThat(ServerVersion.parse("18.16.1")).isEqualTo(new ServerVersion(18, 16, 1, "18.16.1"));
        assertThat(ServerVersion.parse(" 24.3.2.23\n")).extracting(ServerVersion::major, ServerVersion::minor,
                ServerVersion::patch).containsExactly(24, 3, 2);
        assertThatThrownBy(() -> ServerVersion.parse("banana")).hasMessageContaining("not a ClickHouse version");
    }

    @Test
    void capabilitiesFollowTheVersion() {
        ServerCapabilities old = ServerCapabilities.of(ServerVersion.parse("18.16.1"));
        assertThat(old.dateTime64()).isFalse();
        assertThat(old.mapType()).isFalse();
        assertThat(old.boolType()).isFalse();
        assertThat(old.replacingIsDeleted()).isFalse();
        assertThat(old.queryParameters()).isFalse();

        ServerCapabilities modern = ServerCapabilities.of(ServerVersion.parse("23.8.1"));
        assertThat(modern.dateTime64()).isTrue();
        assertThat(modern.mapType()).isTrue();
        assertThat(modern.boolType()).isTrue();
        assertThat(modern.replacingIsDeleted()).isTrue();
        assertThat(ServerCapabilities.of(ServerVersion.parse("23.1.9")).replacingIsDeleted()).isFalse();
    }

    @Test
    void wideDateTypesFollowTheVersion() {
        assertThat(ServerCapabilities.of(ServerVersion.parse("20.1.2")).wideDates())
                .isEqualTo(ServerCapabilities.WideDates.SINCE_1970);
        assertThat(ServerCapabilities.of(ServerVersion.parse("21.4.1")).wideDates())
                .isEqualTo(ServerCapabilities.WideDates.SINCE_1925);
        assertThat(ServerCapabilities.of(ServerVersion.parse("22.7.7")).wideDates())
                .isEqualTo(ServerCapabilities.WideDates.SINCE_1925);
        assertThat(ServerCapabilities.of(ServerVersion.parse("22.8.1")).wideDates())
                .isEqualTo(ServerCapabilities.WideDates.SINCE_1900);
        assertThat(ServerCapabilities.of(ServerVersion.parse("21.8.15")).date32()).isFalse();
        assertThat(ServerCapabilities.of(ServerVersion.parse("21.9.2")).date32()).isTrue();
        assertThat(ServerCapabilities.WideDates.SINCE_1900.first()).hasToString("1900-01-01");
        assertThat(ServerCapabilities.WideDates.SINCE_1900.last()).hasToString("2299-12-31");
    }
}
