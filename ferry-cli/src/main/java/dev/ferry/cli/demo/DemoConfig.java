package dev.ferry.cli.demo;

import dev.ferry.local.ServiceState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pipeline config the demo writes and then uses like any user's: passwords are referenced as
 * {@code ${file:…}} to the local stack's password files, never copied into the config.
 */
final class DemoConfig {

    static final String SHOP_DB = "shop";
    static final String LEGACY_DB = "legacy";
    /** Where the CDC demo streams the shop: kept apart from the batch copy in {@link #SHOP_DB}. */
    static final String LIVE_DB = "shop_live";
    static final String CDC_PIPELINE = "shop_live";

    private DemoConfig() {
    }

    static Path write(Path dir, ServiceState postgres, ServiceState mariadb, ServiceState clickhouse, int parallelism)
            throws IOException {
        String yaml = """
                # Written by `ferry demo`. Run it yourself with: ferry sync --config %1$s
                state_dir: state
                connections:
                  shop_pg:   {type: postgres, host: %2$s, port: %3$d, database: %4$s, user: %5$s, password: "${file:%6$s}"}
                  legacy:    {type: mysql, host: %7$s, port: %8$d, database: %9$s, user: %10$s, password: "${file:%11$s}"}
                  warehouse: {type: clickhouse, url: "http://%12$s:%13$d", database: default, user: %14$s, password: "${file:%15$s}"}
                pipelines:
                  - name: shop
                    source:
                      connection: shop_pg
                      tables: [public.users, public.products, public.orders, public.order_items,
                               {name: public.sellers, cursor: id}]   # sellers has no updated_at
                    target: {connection: warehouse, database: shop}
                    mode: incremental
                    cursor: updated_at
                    parallelism: %16$d
                  - name: legacy
                    source: {connection: legacy, tables: [customers, invoices]}
                    target: {connection: warehouse, database: legacy}
                    mode: incremental
                    cursor: updated_at
                    parallelism: %16$d
                  - name: shop_live        # ferry demo --cdc, or: ferry cdc --config %1$s --pipeline shop_live
                    source:
                      connection: shop_pg
                      tables: [public.users, public.products, public.orders, public.order_items, public.sellers]
                    target: {connection: warehouse, database: shop_live}
                    mode: cdc
                    batch: {interval: 500ms}
                """.formatted(dir.resolve("ferry.yaml"),
                postgres.host(), postgres.port(), SHOP_DB, postgres.user(), postgres.passwordFile(),
                mariadb.host(), mariadb.port(), LEGACY_DB, mariadb.user(), mariadb.passwordFile(),
                clickhouse.host(), clickhouse.port(), clickhouse.user(), clickhouse.passwordFile(), parallelism);
        Files.createDirectories(dir);
        Path file = dir.resolve("ferry.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
