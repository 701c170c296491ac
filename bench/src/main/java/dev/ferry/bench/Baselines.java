package dev.ferry.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one would do without Ferry: let ClickHouse pull from MariaDB itself with the {@code mysql()} table
 * function, or pipe PostgreSQL's COPY text into {@code clickhouse-client} (COPY's text format is
 * TabSeparated for these types, {@code \N} for NULL included).
 */
final class Baselines {

    private Baselines() {
    }

    /** {@code psql} writing the whole table as COPY text to stdout; the password comes from the env. */
    static List<String> psqlCopy(Servers servers) {
        return List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", servers.postgres().host(),
                "-p", String.valueOf(servers.postgres().port()), "-U", servers.postgres().user(),
                "-d", Servers.SOURCE_DB, "-c", "COPY " + SourceData.TABLE + " (" + ClickHouseClient.COLUMNS
                        + ") TO STDOUT");
    }

    static Map<String, String> psqlEnv(Servers servers) {
        return Map.of("PGPASSWORD", Servers.password(servers.postgres()));
    }

    /** {@code psql COPY … TO STDOUT | clickhouse-client INSERT … FORMAT TabSeparated}; returns the wall time. */
    static Duration psqlPipe(Servers servers, ClickHouseClient clickhouse, String target) {
        String insert = "INSERT INTO " + target + " (" + ClickHouseClient.COLUMNS + ") FORMAT TabSeparated";
        String pipeline = shellWords(psqlCopy(servers)) + " | " + shellWords(clickhouse.command(insert, true));
        long start = System.nanoTime();
        Shell.run(List.of("bash", "-o", "pipefail", "-c", pipeline),
                Map.of("PGPASSWORD", Servers.password(servers.postgres()),
                        "CH_PASSWORD", Servers.password(servers.clickhouse())));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * {@code INSERT … SELECT … FROM mysql(…)}: ClickHouse reads MariaDB over its own client library. Its
     * 18.16 version has no Nullable here, so NULL notes arrive as empty strings (Ferry keeps them NULL).
     */
    static Duration clickhousePull(Servers servers, ClickHouseClient clickhouse, String target) {
        String source = "mysql('" + servers.mariadb().host() + ":" + servers.mariadb().port() + "', '"
                + Servers.SOURCE_DB + "', '" + SourceData.TABLE + "', '" + servers.mariadb().user() + "', '"
                + Servers.password(servers.mariadb()).replace("\\", "\\\\").replace("'", "\\'") + "')";
        long start = System.nanoTime();
        clickhouse.query("INSERT INTO " + target + " (" + ClickHouseClient.COLUMNS + ") SELECT "
                + ClickHouseClient.COLUMNS + " FROM " + source);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Quotes each word for bash, except {@code $CH_PASSWORD}, which bash is meant to expand. */
    private static String shellWords(List<String> words) {
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            line.append(line.isEmpty() ? "" : " ");
            line.append(word.equals("$CH_PASSWORD") ? "\"$CH_PASSWORD\"" : "'" + word.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
