package dev.ferry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.FerryException;
import dev.ferry.core.schema.TableId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String FULL_EXAMPLE = """
            state_dir: .ferry/state
            allow_plaintext_secrets: false
            connections:
              shop_pg:   {type: postgres,   host: 127.0.0.1, port: 5432, database: shop, user: ferry, password: "${env:PG_PASSWORD}"}
              legacy:    {type: mysql,      host: 127.0.0.1, port: 3306, database: legacy, user: ferry, password: "${file:secrets/mysql}"}
              warehouse: {type: clickhouse, url: "http://127.0.0.1:8123", database: analytics, user: ferry, password: "${env:CH_PASSWORD}"}
            pipelines:
              - name: shop
                source:
                  connection: shop_pg
                  tables: [public.users, {name: public.orders, cursor: updated_at, order_by: [id], partition_by: "toYYYYMM(created_at)"}]
                  include: ["public.*"]
                  exclude: ["public.tmp_*"]
                target: {connection: warehouse, database: shop, table_prefix: "", engine: auto, partition_by: null, order_by: null}
                mode: snapshot
                cursor: updated_at
                cursor_lookback: 0s
                chunk_rows: 100000
                parallelism: 2
                batch: {rows: 100000, bytes: 64MB, interval: 5s}
            """;

    @TempDir
    Path dir;

    @Test
    void loadsTheFullExample() throws IOException {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/mysql"), "mysql-secret-value\n");

        FerryConfig config = ConfigLoader.load(ConfigFiles.write(dir, FULL_EXAMPLE), ConfigFiles.ENV);

        assertThat(config.file()).isEqualTo(dir.resolve("ferry.yaml").toAbsolutePath());
        assertThat(config.stateDir()).isEqualTo(dir.resolve(".ferry/state").toAbsolutePath());
        assertThat(config.connections()).containsOnlyKeys("shop_pg", "legacy", "warehouse");
        assertThat(List.copyOf(config.connections().keySet())).containsExactly("shop_pg", "legacy", "warehouse");
        assertThat(config.connections().get("shop_pg")).isEqualTo(new ConnectionConfig("shop_pg",
                ConnectionType.POSTGRES, "127.0.0.1", 5432, "shop", "ferry",
                new Secret("pg-secret-value", "${env:PG_PASSWORD}"), null, Map.of()));
        assertThat(config.connections().get("legacy").password().reveal()).isEqualTo("mysql-secret-value");
        ConnectionConfig warehouse = config.connections().get("warehouse");
        assertThat(warehouse.type()).isEqualTo(ConnectionType.CLICKHOUSE);
        assertThat(warehouse.url()).isEqualTo("http://127.0.0.1:8123");
        assertThat(warehouse.host()).isEqualTo("127.0.0.1");
        assertThat(warehouse.port()).isEqualTo(8123);
        assertThat(warehouse.database()).isEqualTo("analytics");

        PipelineConfig shop = config.requirePipeline("shop");
        assertThat(shop.source()).isEqualTo(new SourceConfig("shop_pg", List.of(
                new TableSelection("public.users", null, List.of(), null),
                new TableSelection("public.orders", "updated_at", List.of("id"), "toYYYYMM(created_at)")),
                List.of("public.*"), List.of("public.tmp_*")));
        assertThat(shop.target()).isEqualTo(new TargetConfig("warehouse", "shop", "", EngineChoice.AUTO, null, List.of()));
        assertThat(shop.mode()).isEqualTo(SyncMode.SNAPSHOT);
        assertThat(shop.cursor()).isEqualTo("updated_at");
        assertThat(shop.cursorLookback()).isEqualTo(new CursorLookback.Span(Duration.ZERO));
        assertThat(shop.chunkRows()).isEqualTo(100_000);
        assertThat(shop.parallelism()).isEqualTo(2);
        assertThat(shop.batch()).isEqualTo(new BatchConfig(100_000, 64L * 1024 * 1024, Duration.ofSeconds(5)));
    }

    @Test
    void fillsInDefaults() {
        FerryConfig config = ConfigLoader.load(ConfigFiles.write(dir, """
                connections:
                  pg: {type: postgresql, host: db, database: shop, user: ferry}
                  maria: {type: mariadb, host: db, database: legacy, user: ferry}
                  ch: {type: clickhouse, host: ch.local, user: ferry}
                pipelines:
                  - name: minimal
                    source: {connection: pg, include: ["public.*"]}
                    target: {connection: ch}
                """), Map.of());

        assertThat(config.stateDir()).isEqualTo(dir.resolve(".ferry/state").toAbsolutePath());
        assertThat(config.connections().get("pg").port()).isEqualTo(5432);
        assertThat(config.connections().get("pg").password()).isEqualTo(Secret.NONE);
        assertThat(config.connections().get("maria").type()).isEqualTo(ConnectionType.MYSQL);
        assertThat(config.connections().get("maria").port()).isEqualTo(3306);
        ConnectionConfig ch = config.connections().get("ch");
        assertThat(ch.url()).isEqualTo("http://ch.local:8123");
        assertThat(ch.database()).isEqualTo("default");

        PipelineConfig pipeline = config.requirePipeline("minimal");
        assertThat(pipeline.mode()).isEqualTo(SyncMode.SNAPSHOT);
        assertThat(pipeline.cursor()).isNull();
        assertThat(pipeline.cursorLookback()).isEqualTo(CursorLookback.AUTO);
        assertThat(pipeline.nullCursor()).isEqualTo(NullCursorRule.INCLUDE_ON_FULL);
        assertThat(pipeline.maxDeadLetters()).isEqualTo(DeadLetterLimit.NONE_ALLOWED);
        assertThat(pipeline.chunkRows()).isEqualTo(100_000);
        assertThat(pipeline.parallelism()).isEqualTo(2);
        assertThat(pipeline.batch()).isEqualTo(new BatchConfig(100_000, 64L << 20, Duration.ofSeconds(5)));
        assertThat(pipeline.target()).isEqualTo(new TargetConfig("ch", "default", "", EngineChoice.AUTO, null, List.of()));
        assertThat(pipeline.source().tables()).isEmpty();
        assertThat(pipeline.source().exclude()).isEmpty();
    }

    @Test
    void readsNonDefaultValues() {
        FerryConfig config = ConfigLoader.load(ConfigFiles.write(dir, ConfigFiles.CONNECTIONS + """
                state_dir: /var/lib/ferry
                pipelines:
                  - name: legacy-orders
                    source:
                      connection: legacy
                      tables:
                        - orders
                        - {name: other_db.items, cursor: changed, cursor_lookback: 500, null_cursor: include_on_full,
                           max_dead_letters: 100_000}
                      include: ["tmp_*"]
                    target: {connection: warehouse, table_prefix: legacy_, engine: replacingmergetree, order_by: [id, ts]}
                    mode: Incremental
                    cursor: updated_at
                    cursor_lookback: 5m
                    null_cursor: ERROR
                    max_dead_letters: 0.5%
                    chunk_rows: 50_000
                    parallelism: 64
                    batch: {rows: 10, bytes: 512KB, interval: 1h}
                """), ConfigFiles.ENV);

        assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/ferry"));
        PipelineConfig pipeline = config.requirePipeline("legacy-orders");
        assertThat(pipeline.source().tables()).extracting(TableSelection::name)
                .containsExactly("legacy.orders", "other_db.items");
        assertThat(pipeline.source().include()).as("mysql patterns default to the database").containsExactly("legacy.tmp_*");
        assertThat(pipeline.source().matches("legacy.tmp_load")).isTrue();
        assertThat(pipeline.target().engine()).isEqualTo(EngineChoice.REPLACING_MERGE_TREE);
        assertThat(pipeline.target().orderBy()).containsExactly("id", "ts");
        assertThat(pipeline.target().tablePrefix()).isEqualTo("legacy_");
        assertThat(pipeline.target().database()).isEqualTo("default");
        assertThat(pipeline.mode()).isEqualTo(SyncMode.INCREMENTAL);
        assertThat(pipeline.cursorLookback()).isEqualTo(new CursorLookback.Span(Duration.ofMinutes(5)));
        assertThat(pipeline.nullCursor()).isEqualTo(NullCursorRule.ERROR);
        assertThat(pipeline.maxDeadLetters()).isEqualTo(DeadLetterLimit.ofRatio(0.005));
        assertThat(pipeline.rulesFor(new TableId("legacy", "orders"))).isEqualTo(new TableRules(
                new CursorLookback.Span(Duration.ofMinutes(5)), false, NullCursorRule.ERROR,
                DeadLetterLimit.ofRatio(0.005)));
        assertThat(pipeline.rulesFor(new TableId("other_db", "items"))).isEqualTo(new TableRules(
                new CursorLookback.Units(java.math.BigDecimal.valueOf(500)), true, NullCursorRule.INCLUDE_ON_FULL,
                DeadLetterLimit.ofRows(100_000)));
        assertThat(pipeline.chunkRows()).isEqualTo(50_000);
        assertThat(pipeline.parallelism()).isEqualTo(64);
        assertThat(pipeline.batch()).isEqualTo(new BatchConfig(10, 512 * 1024, Duration.ofHours(1)));
    }

    @Test
    void mergeKeysShareSettingsBetweenEntries() {
        FerryConfig config = ConfigLoader.load(ConfigFiles.write(dir, """
                connections:
                  primary: &pg {type: postgres, host: db1, database: shop, user: ferry}
                  replica: {<<: *pg, host: db2}
                """), Map.of());

        assertThat(config.connections().get("replica").host()).isEqualTo("db2");
        assertThat(config.connections().get("replica").database()).isEqualTo("shop");
    }

    @Test
    void absentPipelinesMeanNone() {
        FerryConfig config = ConfigLoader.load(ConfigFiles.write(dir, ConfigFiles.CONNECTIONS), ConfigFiles.ENV);

        assertThat(config.pipelines()).isEmpty();
        assertThat(config.pipeline("shop")).isEmpty();
        assertThatThrownBy(() -> config.requirePipeline("shop"))
                .isInstanceOf(FerryException.class)
                .hasMessage("no pipeline 'shop' in " + config.file() + "; pipelines: (none)");
    }

    @Test
    void requirePipelineListsThePipelinesThereAre() {
        FerryConfig config = ConfigLoader.load(ConfigFiles.write(dir, ConfigFiles.CONNECTIONS + """
                pipelines:
                  - {name: a, source: {connection: shop_pg, include: ["*"]}, target: {connection: warehouse}}
                  - {name: b, source: {connection: shop_pg, include: ["*"]}, target: {connection: warehouse}}
                """), ConfigFiles.ENV);

        assertThat(config.pipeline("b")).map(PipelineConfig::name).contains("b");
        assertThatThrownBy(() -> config.requirePipeline("c"))
                .hasMessage("no pipeline 'c' in " + config.file() + "; pipelines: a, b");
    }

    @Test
    void cdcPipelinesFlushWithinHalfASecondUnlessTold() {
        FerryConfig config = ConfigLoader.load(ConfigFiles.write(dir, ConfigFiles.CONNECTIONS + """
                pipelines:
                  - {name: live, mode: cdc, source: {connection: shop_pg, tables: [public.orders]}, target: {connection: warehouse}}
                  - {name: slow, mode: cdc, source: {connection: shop_pg, tables: [public.orders]}, target: {connection: warehouse},
                     batch: {rows: 1000}}
                  - {name: told, mode: cdc, source: {connection: shop_pg, tables: [public.orders]}, target: {connection: warehouse},
                     batch: {interval: 2s}}
                  - {name: copy, source: {connection: shop_pg, tables: [public.orders]}, target: {connection: warehouse}}
                """), ConfigFiles.ENV);

        assertThat(config.requirePipeline("live").batch().interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.requirePipeline("slow").batch().interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.requirePipeline("told").batch().interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.requirePipeline("copy").batch().interval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void recordsAreImmutable() {
        FerryConfig config = ConfigLoader.load(ConfigFiles.write(dir, ConfigFiles.CONNECTIONS), ConfigFiles.ENV);

        assertThatThrownBy(() -> config.connections().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.pipelines().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }
}
