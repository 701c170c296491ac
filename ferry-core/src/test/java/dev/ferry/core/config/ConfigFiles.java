package dev.ferry.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.Assertions;

/** Writes config files for tests and finds lines in them, so expected line numbers follow the text. */
final class ConfigFiles {

    static final Map<String, String> ENV = Map.of("PG_PASSWORD", "pg-secret-value", "CH_PASSWORD", "ch-secret-value");

    private ConfigFiles() {
    }

    static Path write(Path dir, String yaml) {
        try {
            return Files.writeString(dir.resolve("ferry.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 1-based number of the only line containing {@code snippet}. */
    static int lineOf(String yaml, String snippet) {
        String[] lines = yaml.split("\n", -1);
        int found = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(snippet)) {
                Assertions.assertThat(found).as("'%s' occurs once", snippet).isZero();
                found = i + 1;
            }
        }
        Assertions.assertThat(found).as("'%s' occurs", snippet).isPositive();
        return found;
    }

    static ConfigException loadFails(Path dir, String yaml) {
        Path file = write(dir, yaml);
        return Assertions.catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, ENV));
    }

    /** Connections every problem test can point pipelines at. */
    static final String CONNECTIONS = """
            connections:
              shop_pg: {type: postgres, host: 127.0.0.1, database: shop, user: ferry, password: "${env:PG_PASSWORD}"}
              legacy: {type: mysql, host: 127.0.0.1, database: legacy, user: ferry, password: "${env:PG_PASSWORD}"}
              warehouse: {type: clickhouse, url: "http://127.0.0.1:8123", user: ferry, password: "${env:CH_PASSWORD}"}
            """;
}
