package dev.ferry.local;

import java.nio.file.Path;

/** The two XML files a local ClickHouse needs: server settings and users. */
final class ClickHouseConfigFiles {

    private ClickHouseConfigFiles() {
    }

    static String serverConfig(Path dir, Path logDir, int httpPort, int tcpPort) {
        return """
                <?xml version="1.0"?>
                <yandex>
                  <logger>
                    <level>information</level>
                    <log>%2$s/clickhouse-server.log</log>
                    <errorlog>%2$s/clickhouse-server.err.log</errorlog>
                    <size>100M</size>
                    <count>3</count>
                  </logger>
                  <http_port>%3$d</http_port>
                  <tcp_port>%4$d</tcp_port>
                  <listen_host>127.0.0.1</listen_host>
                  <path>%1$s/data/</path>
                  <tmp_path>%1$s/tmp/</tmp_path>
                  <user_files_path>%1$s/user_files/</user_files_path>
                  <format_schema_path>%1$s/format_schemas/</format_schema_path>
                  <users_config>%1$s/users.xml</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <timezone>UTC</timezone>
                  <mark_cache_size>268435456</mark_cache_size>
                  <uncompressed_cache_size>268435456</uncompressed_cache_size>
                  <max_concurrent_queries>100</max_concurrent_queries>
                </yandex>
                """.formatted(dir, logDir, httpPort, tcpPort);
    }

    /**
     * Both users get the generated password: {@code default} stays because ClickHouse uses it internally,
     * but it must not be an open door.
     */
    static String usersConfig(String user, String password) {
        String hash = Passwords.sha256Hex(password);
        return """
                <?xml version="1.0"?>
                <yandex>
                  <profiles>
                    <default>
                      <max_memory_usage>4000000000</max_memory_usage>
                      <load_balancing>random</load_balancing>
                    </default>
                  </profiles>
                  <users>
                    <default>
                      <password_sha256_hex>%2$s</password_sha256_hex>
                      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                      <profile>default</profile>
                      <quota>default</quota>
                    </default>
                    <%1$s>
                      <password_sha256_hex>%2$s</password_sha256_hex>
                      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                      <profile>default</profile>
                      <quota>default</quota>
                    </%1$s>
                  </users>
                  <quotas><default></default></quotas>
                </yandex>
                """.formatted(user, hash);
    }
}
