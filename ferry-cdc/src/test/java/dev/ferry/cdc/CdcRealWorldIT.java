package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.SourceDb;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Defects found by streaming public sample databases (Sakila/Pagila-shaped tables): each case failed before
 * its fix. Every scenario ends with {@code ferry validate}'s comparison equal.
 */
@FerryIntegrationTest
class CdcRealWorldIT {

    @TempDir
    Path dir;

    /** Sakila's {@code film.rating enum(...) DEFAULT 'G'}: an explicit NULL must not become the DEFAULT. */
    @ParameterizedTest
    @EnumSource(SourceDb.Kind.class)
    void explicitNullsStayNullInsteadOfTheColumnDefault(SourceDb.Kind kind, TestDatabases db) throws Exception {
        try (CdcHarness h = new CdcHarness(db, kind, dir, "include: [\"" + new SourceDb(db, kind).qualified("*") + "\"]")) {
            if (h.source.postgres()) {
                h.source.execute("CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17')",
                        "CREATE TABLE film (id int PRIMARY KEY, rating mpaa_rating DEFAULT 'G', note varchar(10) "
                                + "DEFAULT 'x', n int DEFAULT 7, created timestamptz DEFAULT now())",
                        "INSERT INTO film (id, rating) VALUES (1, 'PG')");
                h.source.executeAsSuperuser("CREATE PUBLICATION " + PostgresCdcSource.slotName(db.name())
                        + " FOR ALL TABLES");
            } else {
                h.source.execute("CREATE TABLE film (id int PRIMARY KEY, rating enum('G','PG','PG-13','R','NC-17') "
                        + "DEFAULT 'G', note varchar(10) DEFAULT 'x', n int DEFAULT 7, created timestamp NULL DEFAULT "
                        + "CURRENT_TIMESTAMP)", "INSERT INTO film (id, rating) VALUES (1, 'PG')");
            }
            try (CdcRunner runner = h.start()) {
                h.awaitEqual(runner);
                h.source.execute("UPDATE film SET rating = NULL WHERE id = 1",
                        "INSERT INTO film (id, rating, note, n, created) VALUES (2, NULL, NULL, NULL, NULL)",
                        "ALTER TABLE film ADD COLUMN extra varchar(10) DEFAULT 'n/a'",
                        "INSERT INTO film (id, extra) VALUES (3, NULL)",
                        "UPDATE film SET extra = NULL, n = NULL WHERE id = 1");
                h.awaitEqual(runner);
                assertThat(h.clickhouse.queryAll("SELECT id, rating, note, n, created, extra FROM film FINAL "
                        + "WHERE id IN (1, 2) ORDER BY id")).extracting(row -> row.subList(1, 6).toString())
                        .containsExactly("[null, x, null, " + created(h, 1) + ", null]",
                                // added with DEFAULT 'n/a' after row 2 existed: the source filled it in
                                "[null, null, null, null, n/a]");
                assertThat(h.deadLetters()).isEmpty();
            }
        }
    }

    private static String created(CdcHarness h, int id) throws Exception {
        return h.clickhouse.queryAll("SELECT toString(created) FROM film FINAL WHERE id = " + id).get(0).get(0);
    }

    /**
     * Tables that appear with rows but without a change event per row: PostgreSQL does not publish the rows of
     * CREATE TABLE ... AS SELECT, and a table renamed into the pipeline's pattern brings its rows along.
     */
    @ParameterizedTest
    @EnumSource(SourceDb.Kind.class)
    void tablesThatAppearWithRowsArriveWhole(SourceDb.Kind kind, TestDatabases db) throws Exception {
        SourceDb source = new SourceDb(db, kind);
        try (CdcHarness h = new CdcHarness(db, kind, dir, "include: [\"" + source.qualified("rental*") + "\"]")) {
            h.source.execute("CREATE TABLE rental (id int PRIMARY KEY, note varchar(20))",
                    "INSERT INTO rental VALUES (1, 'a'), (2, 'b'), (3, 'c')",
                    "CREATE TABLE staging_table (id int PRIMARY KEY, note varchar(20))",
                    "INSERT INTO staging_table VALUES (10, 'x'), (11, 'y')");
            if (source.postgres()) {
                h.source.executeAsSuperuser("CREATE PUBLICATION " + PostgresCdcSource.slotName(db.name())
                        + " FOR ALL TABLES");
            }
            try (CdcRunner runner = h.start()) {
                h.awaitEqual(runner);
                h.source.execute(source.postgres() ? "CREATE TABLE rental_archive AS SELECT * FROM rental"
                                : "CREATE TABLE rental_archive (PRIMARY KEY (id)) AS SELECT * FROM rental",
                        source.postgres() ? "ALTER TABLE rental_archive ADD PRIMARY KEY (id)" : "SELECT 1",
                        "UPDATE rental_archive SET note = 'changed' WHERE id = 2",
                        source.postgres() ? "ALTER TABLE staging_table RENAME TO rental_2024"
                                : "RENAME TABLE staging_table TO rental_2024",
                        "UPDATE rental_2024 SET note = 'z' WHERE id = 11");
                h.awaitEqual(runner);
                assertThat(h.clickhouse.queryLong("SELECT count() FROM rental_archive FINAL WHERE _is_deleted = 0"))
                        .isEqualTo(3);
                assertThat(h.clickhouse.queryLong("SELECT count() FROM rental_2024 FINAL WHERE _is_deleted = 0"))
                        .isEqualTo(2);
            }
        }
    }

    /** Sakila's {@code address.location geometry}: every spatial type streams as the snapshot writes it. */
    @Test
    void mariadbSpatialValuesEqualTheSnapshot(TestDatabases db) throws Exception {
        SourceDb.Kind kind = SourceDb.Kind.MARIADB;
        try (CdcHarness h = new CdcHarness(db, kind, dir, "tables: [" + new SourceDb(db, kind).qualified("address") + "]")) {
            h.source.execute("CREATE TABLE address (id int PRIMARY KEY, location geometry NOT NULL, pt point, "
                            + "line linestring, area polygon, many multipoint, mixed geometrycollection)",
                    "INSERT INTO address VALUES (1, ST_GeomFromText('POINT(-73.98 40.75)', 4326), POINT(1, 2), "
                            + "ST_GeomFromText('LINESTRING(0 0, 1 1, 2 1)'), ST_GeomFromText('POLYGON((0 0,4 0,4 4,0 4,"
                            + "0 0),(1 1,2 1,2 2,1 2,1 1))'), ST_GeomFromText('MULTIPOINT(1 1, 2 2)'), "
                            + "ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))'))");
            try (CdcRunner runner = h.start()) {
                h.awaitEqual(runner);
                h.source.execute("INSERT INTO address (id, location, pt) VALUES (2, ST_GeomFromText('POINT(2.35 48.85)'), "
                                + "NULL), (3, ST_GeomFromText('LINESTRING(1 1, 3 3)', 3857), POINT(-0.5, 1e10))",
                        "UPDATE address SET pt = POINT(5, 6), line = NULL WHERE id = 1",
                        "UPDATE address SET area = ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))', 4326) WHERE id = 2");
                h.awaitEqual(runner);
                assertThat(h.deadLetters()).isEmpty();
                assertThat(runner.counts().deadLetters()).isZero();
            }
        }
    }

    /** A change that cannot be written becomes a dead letter with its key and the change as JSON. */
    @ParameterizedTest
    @EnumSource(SourceDb.Kind.class)
    void aDeadLetterCarriesTheKeyAndTheChangeAsJson(SourceDb.Kind kind, TestDatabases db) throws Exception {
        try (CdcHarness h = new CdcHarness(db, kind, dir, "tables: [" + new SourceDb(db, kind).qualified("rental") + "]")) {
            h.source.execute("CREATE TABLE rental (id int PRIMARY KEY, rented date NOT NULL, note varchar(20))",
                    "INSERT INTO rental VALUES (1, '2005-05-24', 'first')");
            try (CdcRunner runner = h.start()) {
                h.awaitEqual(runner);
                // 1000-01-01 fits neither ClickHouse's Date nor any type chosen for 2005 dates
                h.source.execute("INSERT INTO rental VALUES (42, '1000-01-01', NULL)",
                        "INSERT INTO rental VALUES (43, '2005-05-25', 'fine')");
                awaitDeadLetters(h, runner, 1);
                List<String> letter = h.deadLetters().get(0);
                assertThat(letter.get(0)).isEqualTo(h.source.qualified("rental"));
                assertThat(letter.get(1)).isEqualTo("42");
                JsonNode payload = new ObjectMapper().readTree(letter.get(2));
                assertThat(payload.get("id").asInt()).isEqualTo(42);
                assertThat(payload.has("rented")).isTrue();
                assertThat(payload.get("note").isNull()).isTrue();
                assertThat(letter.get(3)).startsWith("rented: ");
                assertThat(runner.counts().table().get(h.source.qualified("rental")).deadLetters()).isEqualTo(1);
                assertThat(h.clickhouse.queryLong("SELECT count() FROM rental FINAL WHERE id = 43")).isEqualTo(1);

                // an update that cannot be written must not leave the old row looking current
                h.source.execute("UPDATE rental SET rented = '1000-01-02', note = 'moved' WHERE id = 1");
                awaitDeadLetters(h, runner, 2);
                assertThat(h.clickhouse.queryLong("SELECT count() FROM rental FINAL WHERE id = 1 AND _is_deleted = 0"))
                        .isZero();
                assertThat(new dev.ferry.sync.validate.Validator(h.config, h.pipeline()).run(null, t -> { }))
                        .singleElement().satisfies(t -> {
                            assertThat(t.state()).isEqualTo(dev.ferry.sync.validate.TableValidation.State
                                    .EQUAL_EXCEPT_DEAD_LETTERS);
                            assertThat(t.unwritable()).isEqualTo(2);
                        });
            }
        }
    }

    private static void awaitDeadLetters(CdcHarness h, CdcRunner runner, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (runner.counts().deadLetters() < expected && System.nanoTime() < deadline) {
            assertThat(runner.failure()).as(() -> CdcHarness.causes(runner.failure())).isNull();
            Thread.sleep(100);
        }
        assertThat(runner.counts().deadLetters()).isEqualTo(expected);
    }

    /**
     * Pagila's {@code film.fulltext tsvector}, {@code special_features text[]} and staff pictures ({@code bytea}):
     * an update that leaves a TOASTed value out keeps the stored value, for every type that can be toasted.
     */
    @Test
    void unchangedToastValuesOfEveryToastableTypeKeepTheirValue(TestDatabases db) throws Exception {
        SourceDb.Kind kind = SourceDb.Kind.POSTGRES;
        try (CdcHarness h = new CdcHarness(db, kind, dir, "tables: [public.film]")) {
            // md5 of random data does not compress below the TOAST threshold, so it is stored out of line
            String big = "(SELECT string_agg(md5(random()::text || s), '') FROM generate_series(1, 600) s WHERE g > 0)";
            h.source.execute("CREATE TABLE film (id int PRIMARY KEY, title text NOT NULL, body text, picture bytea, "
                            + "doc jsonb, raw json, page xml, features text[], scores int[], prices numeric[], "
                            + "stamps timestamptz[], fulltext tsvector, vc varchar(20000))",
                    "INSERT INTO film SELECT g, 'film ' || g, " + big + ", decode(" + big + ", 'hex'), "
                            + "jsonb_build_object('k', " + big + "), json_build_object('k', " + big + "), "
                            + "xmlelement(name p, " + big + "), ARRAY[" + big + ", 'x'], "
                            + "(SELECT array_agg((random() * 1e9)::int) FROM generate_series(1, 3000) WHERE g > 0), "
                            + "(SELECT array_agg(round((random() * 1e9)::numeric, 3)) FROM generate_series(1, 2000) "
                            + "WHERE g > 0), (SELECT array_agg(now() - random() * interval '900 days') FROM "
                            + "generate_series(1, 1000) WHERE g > 0), to_tsvector('simple', " + big + "), "
                            + "substr(" + big + ", 1, 19000) FROM generate_series(1, 4) g");
            try (CdcRunner runner = h.start()) {
                h.awaitEqual(runner);
                h.source.execute("UPDATE film SET title = 'renamed' WHERE id IN (1, 2)",
                        "UPDATE film SET title = 'again', prices = NULL WHERE id = 1",
                        "UPDATE film SET picture = '\\x00ff'::bytea, title = 'new picture' WHERE id = 3",
                        "DELETE FROM film WHERE id = 4");
                h.awaitEqual(runner);
                assertThat(h.deadLetters()).isEmpty();
                assertThat(h.clickhouse.queryLong("SELECT count() FROM film FINAL WHERE position(body, 'ferry') > 0 "
                        + "OR position(picture, 'unchanged') > 0")).isZero();
                assertThat(runner.refilled()).as("updates that left TOASTed values out").isGreaterThanOrEqualTo(3);
            }
        }
    }

    /** Pagila's {@code payment} is partitioned by month: its changes arrive under the partitioned table. */
    @Test
    void partitionedTableChangesArriveUnderThePartitionedTable(TestDatabases db) throws Exception {
        SourceDb.Kind kind = SourceDb.Kind.POSTGRES;
        try (CdcHarness h = new CdcHarness(db, kind, dir, "tables: [public.payment]")) {
            h.source.execute("CREATE TABLE payment (payment_id int, amount numeric(5,2) NOT NULL, "
                            + "payment_date timestamptz NOT NULL, PRIMARY KEY (payment_date, payment_id)) "
                            + "PARTITION BY RANGE (payment_date)",
                    "CREATE TABLE payment_p2022_01 PARTITION OF payment FOR VALUES FROM ('2022-01-01') TO ('2022-02-01')",
                    "CREATE TABLE payment_p2022_02 PARTITION OF payment FOR VALUES FROM ('2022-02-01') TO ('2022-03-01')",
                    "CREATE TABLE payment_rest PARTITION OF payment DEFAULT",
                    "INSERT INTO payment VALUES (1, 2.99, '2022-01-24 21:40:19+00'), (2, 0.99, '2022-02-14 03:01:10+00')");
            // a publication a DBA made earlier without publish_via_partition_root: Ferry sets it
            h.source.execute("CREATE PUBLICATION " + PostgresCdcSource.slotName(db.name()) + " FOR TABLE payment");
            try (CdcRunner runner = h.start()) {
                h.awaitEqual(runner);
                h.source.execute("INSERT INTO payment VALUES (3, 5.99, '2022-01-30 10:00:00+00'), "
                                + "(4, 9.99, '2023-06-01 00:00:00+00')",
                        "UPDATE payment SET amount = 7.99 WHERE payment_id = 2",
                        // a row that moves to another partition: a delete there and an insert here
                        "UPDATE payment SET payment_date = '2022-02-02 00:00:00+00' WHERE payment_id = 3",
                        "DELETE FROM payment WHERE payment_id = 1");
                h.awaitEqual(runner);
                assertThat(h.clickhouse.queryLong("SELECT count() FROM payment FINAL WHERE _is_deleted = 0"))
                        .isEqualTo(3);
                assertThat(runner.counts().ignored()).isZero();
                assertThat(h.source.rows("SELECT pubviaroot FROM pg_publication WHERE pubname = '"
                        + PostgresCdcSource.slotName(db.name()) + "'")).containsExactly(List.of("t"));
            }
        }
    }

    /**
     * PostgreSQL inheritance (the manual's {@code cities}/{@code capitals}): a plain SELECT of the parent returns
     * the children's rows too; with both in the pipeline no row may be counted twice.
     */
    @Test
    void inheritanceParentAndChildrenHoldEachRowOnce(TestDatabases db) throws Exception {
        SourceDb.Kind kind = SourceDb.Kind.POSTGRES;
        try (CdcHarness h = new CdcHarness(db, kind, dir, "tables: [public.cities, public.capitals]")) {
            h.source.execute("CREATE TABLE cities (id int PRIMARY KEY, name text, elevation int)",
                    "CREATE TABLE capitals (state char(2) UNIQUE NOT NULL) INHERITS (cities)",
                    "ALTER TABLE capitals ADD PRIMARY KEY (id)",
                    "INSERT INTO cities VALUES (1, 'Las Vegas', 2174), (2, 'Mariposa', 1953)",
                    "INSERT INTO capitals VALUES (3, 'Madison', 845, 'WI')");
            try (CdcRunner runner = h.start()) {
                h.awaitEqual(runner);
                h.source.execute("INSERT INTO capitals VALUES (4, 'Sacramento', 30, 'CA')",
                        "UPDATE cities SET elevation = 2175 WHERE id = 1", "UPDATE cities SET name = 'Madison, WI' "
                                + "WHERE id = 3");
                h.awaitEqual(runner);
                assertThat(h.clickhouse.queryAll("SELECT id FROM cities FINAL WHERE _is_deleted = 0 ORDER BY id"))
                        .containsExactly(List.of("1"), List.of("2"));
                assertThat(h.clickhouse.queryAll("SELECT id, name FROM capitals FINAL WHERE _is_deleted = 0 "
                        + "ORDER BY id")).containsExactly(List.of("3", "Madison, WI"), List.of("4", "Sacramento"));
            }
        }
    }

    /**
     * Types Ferry keeps as PostgreSQL's text, whose Debezium form differs: money (a plain number), interval (ISO
     * 8601), timetz (moved to UTC), bit/varbit (bytes), geometric types (Java's number spelling), arrays of them
     * and domains over them. A change must land exactly as a snapshot of the same row.
     */
    @Test
    void postgresTypesKeptAsTextEqualTheSnapshot(TestDatabases db) throws Exception {
        SourceDb.Kind kind = SourceDb.Kind.POSTGRES;
        try (CdcHarness h = new CdcHarness(db, kind, dir, "tables: [public.shapes]")) {
            h.source.execute("CREATE DOMAIN area AS box", "CREATE DOMAIN price AS money",
                    "CREATE TABLE shapes (id int PRIMARY KEY, m money, p price, iv interval, ym interval year to month, "
                            + "tz timetz, b bit(5), vb varbit(10), bx box, a area, ci circle, ln line, ls lseg, "
                            + "pa path, pg polygon, pt point, ivs interval[], pts point[], bxs box[], ms money[])",
                    "INSERT INTO shapes VALUES (1, 1234.56, 7, '1 year 2 mons 3 days 04:05:06.5', '14 months', "
                            + "'13:45:00.25+02', B'10101', B'101', '((1,2),(3,4))', '((0,0),(1e20,-2.5))', "
                            + "'<(1,2),3>', '{1,2,3}', '[(1,2),(3,4)]', '[(1,2),(3,4),(5,6)]', '((0,0),(1,1),(1,0))', "
                            + "'(1.5,2)', '{1 day,-2 hours}', '{\"(1,2)\",\"(3.25,-4)\"}', '{(1,1),(0,0)}', "
                            + "'{1.5,-2}')");
            String copy = "INSERT INTO shapes SELECT %d, m, p, iv, ym, tz, b, vb, bx, a, ci, ln, ls, pa, pg, pt, ivs, "
                    + "pts, bxs, ms FROM shapes WHERE id = 1";
            try (CdcRunner runner = h.start()) {
                h.awaitEqual(runner);
                h.source.execute(copy.formatted(2), "UPDATE shapes SET m = -0.5, iv = '-1 day +02:03:00', "
                        + "tz = '23:59:59.999999-11:30', b = B'00000', vb = B'', bx = '((0.1,0.2),(-3,1e-7))', "
                        + "ci = '<(0,0),0.5>', pt = '(-0,5e-324)', ym = '-3 years' WHERE id = 2", copy.formatted(3),
                        "UPDATE shapes SET pa = '((0,0),(2,2))', pg = '((1,1),(2,2),(3,1))', ivs = NULL WHERE id = 3");
                h.awaitEqual(runner);
                assertThat(h.deadLetters()).isEmpty();
            }
        }
    }

    /**
     * PostgreSQL's {@code infinity} and BC dates (Debezium's own time-type test values) in columns whose values
     * needed a text type: streamed changes land as the snapshot writes them.
     */
    @Test
    void postgresInfinityAndBcDatesStreamLikeTheSnapshot(TestDatabases db) throws Exception {
        SourceDb.Kind kind = SourceDb.Kind.POSTGRES;
        try (CdcHarness h = new CdcHarness(db, kind, dir, "tables: [public.eras]")) {
            h.source.execute("CREATE TABLE eras (id int PRIMARY KEY, d date, ts timestamp, tz timestamptz, "
                            + "ts0 timestamp(0))",
                    "INSERT INTO eras VALUES (1, 'infinity', 'infinity', '-infinity', '0044-03-15 BC'), "
                            + "(2, '4713-01-01 BC', '4714-11-24 00:00:00 BC', '294276-12-31 23:59:59+00', 'infinity')");
            try (CdcRunner runner = h.start()) {
                h.awaitEqual(runner);
                h.source.execute("INSERT INTO eras VALUES (3, '-infinity', '-infinity', 'infinity', '-infinity'), "
                                + "(4, '0001-01-01 BC', '2025-02-29 12:00:00.5 BC', '0044-03-15 12:00:00.25+00 BC', "
                                + "'1900-01-01 00:00:00'), (5, '2024-01-01', '2024-01-01 10:00', '2024-01-01 10:00+02', "
                                + "'9999-12-31 23:59:59')",
                        "UPDATE eras SET d = '-infinity', tz = 'infinity' WHERE id = 1");
                h.awaitEqual(runner);
                assertThat(h.deadLetters()).isEmpty();
            }
        }
    }

    /**
     * MariaDB's default sql_mode allows zero dates: Debezium turns them into NULL (nullable columns) or the epoch,
     * where the snapshot keeps the zero date as the epoch. Streamed changes end the same, real NULLs stay NULL.
     */
    @Test
    void mariadbZeroDatesStreamLikeTheSnapshot(TestDatabases db) throws Exception {
        SourceDb.Kind kind = SourceDb.Kind.MARIADB;
        try (CdcHarness h = new CdcHarness(db, kind, dir, "tables: [" + new SourceDb(db, kind).qualified("legacy") + "]")) {
            h.source.execute("CREATE TABLE legacy (id int PRIMARY KEY, d date NULL, dt datetime NOT NULL, "
                            + "ts timestamp NULL, note varchar(10))",
                    "INSERT INTO legacy VALUES (1, '2020-01-01', '2020-01-01 10:00:00', '2020-01-01 10:00:00', 'a')");
            try (CdcRunner runner = h.start(); var conn = h.source.connect(); var st = conn.createStatement()) {
                h.awaitEqual(runner);
                st.execute("SET SESSION sql_mode = ''"); // as legacy applications do
                st.execute("INSERT INTO legacy VALUES (2, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', "
                        + "'zero'), (3, NULL, '2021-05-06 07:08:09', NULL, 'null')");
                st.execute("UPDATE legacy SET d = '0000-00-00', note = 'b' WHERE id = 1");
                h.awaitEqual(runner);
                assertThat(h.clickhouse.queryAll("SELECT toString(d), toString(ts) FROM legacy FINAL WHERE id = 3"))
                        .containsExactly(java.util.Arrays.asList(null, null));
                assertThat(h.deadLetters()).isEmpty();
            }
        }
    }

    /**
     * A row holding a day that does not exist (sql_mode ALLOW_INVALID_DATES) cannot be read from the binlog by
     * Debezium: the stream stops and says what to do, rather than skipping the change.
     */
    @Test
    void mariadbInvalidDatesStopTheStreamWithWhatToDo(TestDatabases db) throws Exception {
        SourceDb.Kind kind = SourceDb.Kind.MARIADB;
        try (CdcHarness h = new CdcHarness(db, kind, dir, "tables: [" + new SourceDb(db, kind).qualified("legacy") + "]")) {
            h.source.execute("CREATE TABLE legacy (id int PRIMARY KEY, d date, note varchar(10))",
                    "INSERT INTO legacy VALUES (1, '2020-01-01', 'a')");
            try (CdcRunner runner = h.start(); var conn = h.source.connect(); var st = conn.createStatement()) {
                h.awaitEqual(runner);
                st.execute("SET SESSION sql_mode = 'ALLOW_INVALID_DATES'");
                st.execute("UPDATE legacy SET d = '2024-02-30' WHERE id = 1");
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
                while (runner.failure() == null && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(runner.failure()).isNotNull();
                assertThat(runner.failure().getMessage()).contains("does not exist (such as 2024-02-30")
                        .contains("ferry cdc --resync");
            }
        }
    }

    /**
     * MariaDB's INET4/INET6 columns, which Debezium's DDL parser cannot read (it reads every table's definition
     * of the database): a pipeline is refused before it starts, naming table and columns, even when it selects
     * other tables only. MariaDB's UUID type streams (Debezium's MariaDB connector reads it).
     */
    @Test
    void mariadbInetColumnsAreRefusedByName(TestDatabases db) throws Exception {
        SourceDb.Kind kind = SourceDb.Kind.MARIADB;
        SourceDb source = new SourceDb(db, kind);
        try (CdcHarness h = new CdcHarness(db, kind, dir, "tables: [" + source.qualified("users") + "]")) {
            h.source.execute("CREATE TABLE users (id int PRIMARY KEY, login uuid)",
                    "INSERT INTO users VALUES (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')");
            try (CdcRunner runner = h.start()) {
                h.awaitEqual(runner);
                h.source.execute("INSERT INTO users VALUES (2, UUID())", "UPDATE users SET login = NULL WHERE id = 1");
                h.awaitEqual(runner);
            }
            h.source.execute("CREATE TABLE hosts (id int PRIMARY KEY, ip4 inet4, ip6 inet6 NOT NULL)");
            try (CdcRunner runner = new CdcRunner(h.config, h.pipeline())) {
                org.assertj.core.api.Assertions.assertThatThrownBy(runner::start).hasMessageContaining("table "
                        + source.qualified("hosts") + " has columns of MariaDB's INET4/INET6 types (ip4 inet4, ip6 "
                        + "inet6), which Debezium cannot read");
            }
        }
    }

    /** STORED generated columns are not published by PostgreSQL 15: they are read back, never NULL. */
    @Test
    void generatedColumnsKeepTheirValues(TestDatabases db) throws Exception {
        SourceDb.Kind kind = SourceDb.Kind.POSTGRES;
        try (CdcHarness h = new CdcHarness(db, kind, dir, "tables: [public.people]")) {
            h.source.execute("CREATE TABLE people (id int PRIMARY KEY, height_cm numeric, "
                            + "height_in numeric GENERATED ALWAYS AS (height_cm / 2.54) STORED, first text, last text, "
                            + "full_name text GENERATED ALWAYS AS (first || ' ' || last) STORED)",
                    "INSERT INTO people (id, height_cm, first, last) VALUES (1, 180, 'Ada', 'Lovelace')");
            try (CdcRunner runner = h.start()) {
                h.awaitEqual(runner);
                h.source.execute("INSERT INTO people (id, height_cm, first, last) VALUES (2, 165, 'Grace', 'Hopper'), "
                        + "(3, NULL, NULL, 'Nobody')", "UPDATE people SET height_cm = 181 WHERE id = 1");
                h.awaitEqual(runner);
                assertThat(h.clickhouse.queryAll("SELECT full_name FROM people FINAL WHERE id = 2"))
                        .containsExactly(List.of("Grace Hopper"));
            }
        }
    }
}
