package dev.ferry.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The online shop's tables in PostgreSQL (schema {@code public}). Foreign keys and secondary indexes are
 * separate from the tables so that bulk loads can add them afterwards: checking them row by row during
 * COPY would make loading several times slower.
 */
public final class PostgresDemoSchema {

    /** The demo tables in dependency order (referenced tables first). */
    public static final List<String> TABLES = List.of("sellers", "users", "products", "orders", "order_items");

    private static final List<String> CREATE_TABLES = List.of(
            """
            CREATE TABLE public.sellers (
                id serial PRIMARY KEY,
                name text NOT NULL,
                country char(2) NOT NULL,
                rating numeric(3,2),
                created_at timestamp(0) NOT NULL)""",
            """
            CREATE TABLE public.users (
                id bigserial PRIMARY KEY,
                email varchar(255) NOT NULL UNIQUE,
                full_name text NOT NULL,
                city text,
                is_active boolean NOT NULL DEFAULT true,
                signup_date date NOT NULL,
                created_at timestamp(0) NOT NULL,
                updated_at timestamp(0) NOT NULL)""",
            """
            CREATE TABLE public.products (
                id serial PRIMARY KEY,
                seller_id int NOT NULL,
                sku uuid NOT NULL,
                name text NOT NULL,
                category text NOT NULL,
                price numeric(12,2) NOT NULL,
                tags text[],
                attributes jsonb,
                created_at timestamp(0) NOT NULL,
                updated_at timestamp(0) NOT NULL)""",
            """
            CREATE TABLE public.orders (
                id bigserial PRIMARY KEY,
                user_id bigint NOT NULL,
                status text NOT NULL CHECK (status IN ('new', 'paid', 'shipped', 'delivered', 'cancelled')),
                total numeric(14,2) NOT NULL,
                created_at timestamp(0) NOT NULL,
                updated_at timestamp(0) NOT NULL)""",
            """
            CREATE TABLE public.order_items (
                id bigserial PRIMARY KEY,
                order_id bigint NOT NULL,
                product_id int NOT NULL,
                quantity int NOT NULL,
                unit_price numeric(12,2) NOT NULL,
                created_at timestamp(0) NOT NULL,
                updated_at timestamp(0) NOT NULL)""");

    private static final List<String> CONSTRAINTS = List.of(
            "ALTER TABLE public.products ADD CONSTRAINT products_seller_id_fkey"
                    + " FOREIGN KEY (seller_id) REFERENCES public.sellers (id)",
            "ALTER TABLE public.orders ADD CONSTRAINT orders_user_id_fkey"
                    + " FOREIGN KEY (user_id) REFERENCES public.users (id)",
            "ALTER TABLE public.order_items ADD CONSTRAINT order_items_order_id_fkey"
                    + " FOREIGN KEY (order_id) REFERENCES public.orders (id)",
            "ALTER TABLE public.order_items ADD CONSTRAINT order_items_product_id_fkey"
                    + " FOREIGN KEY (product_id) REFERENCES public.products (id)",
            "CREATE INDEX orders_updated_at_idx ON public.orders (updated_at)",
            "CREATE INDEX order_items_updated_at_idx ON public.order_items (updated_at)");

    private PostgresDemoSchema() {
    }

    /** Creates the tables with primary keys and checks, but without foreign keys and secondary indexes. */
    public static void createTables(Connection connection) throws SQLException {
        run(connection, CREATE_TABLES);
    }

    /** Adds the foreign keys and the {@code updated_at} indexes (validating all rows already loaded). */
    public static void addForeignKeysAndIndexes(Connection connection) throws SQLException {
        run(connection, CONSTRAINTS);
    }

    /** Drops the demo tables if they exist; other tables in the database are left alone. */
    public static void dropTables(Connection connection) throws SQLException {
        run(connection, List.of("DROP TABLE IF EXISTS " + String.join(", ",
                TABLES.reversed().stream().map(t -> "public." + t).toList()) + " CASCADE"));
    }

    /**
     * Moves each id sequence past the largest id, so rows inserted later (e.g. by a demo of incremental
     * sync) get fresh ids after a load that wrote the ids itself.
     */
    public static void syncSequences(Connection connection) throws SQLException {
        run(connection, TABLES.stream().map(t -> "SELECT setval(pg_get_serial_sequence('public." + t
                + "', 'id'), coalesce(max(id), 0) + 1, false) FROM public." + t).toList());
    }

    private static void run(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
