package dev.ferry.cdc.torture;

import java.util.List;

/**
 * PostgreSQL table shapes: TOAST-sized values of every toastable type, declarative partitions (Pagila's
 * payment is partitioned by month), inheritance (the manual's cities/capitals, 5.10), STORED generated and
 * identity columns (5.3, Pagila's film), and the values docs/type-mapping.md says become dead letters.
 */
final class PostgresShapes {

    /** Random hex does not compress, so a value of a few kB stays out of line (TOAST) in every type. */
    private static final String RANDOM_HEX = "CREATE FUNCTION rnd_hex(n int) RETURNS text LANGUAGE sql VOLATILE AS "
            + "$$ SELECT string_agg(md5(random()::text || g), '') FROM generate_series(1, n) g $$";

    /** Each toastable type at more than 8 kB (most at 11-25 kB) that pglz cannot shrink below the threshold. */
    private static final String BIG_VALUES = "rnd_hex(700), rnd_hex(700), rnd_hex(700), decode(rnd_hex(700), 'hex'), "
            + "json_build_object('k', rnd_hex(700)), jsonb_build_object('k', rnd_hex(700), 'n', 1), "
            + "xmlelement(name r, rnd_hex(700)), "
            + "ARRAY(SELECT md5(random()::text || s) FROM generate_series(1, 700) s), "
            + "ARRAY(SELECT (random() * 2e9)::int FROM generate_series(1, 4000)), "
            + "ARRAY(SELECT decode(md5(random()::text || s), 'hex') FROM generate_series(1, 700) s), "
            + "array_to_string(ARRAY(SELECT md5(random()::text || s) FROM generate_series(1, 700) s), ' ')::tsvector, "
            + "(SELECT string_agg((random() * 9)::int::text, '') FROM generate_series(1, 20000))::numeric, "
            + "(SELECT string_agg(CASE WHEN random() < 0.5 THEN '0' ELSE '1' END, '') FROM generate_series(1, 100000))::varbit, "
            + "('(' || (SELECT string_agg('(' || random() || ',' || random() || ')', ',') FROM generate_series(1, 1000)) || ')')::polygon, "
            + "ARRAY(SELECT jsonb_build_object('k', md5(random()::text || s)) FROM generate_series(1, 400) s)";

    private static final String BIG_COLUMNS = "tx, vc, bpc, by, js, jb, x, ta, ia, bya, tsv, nu, vb, poly, jba";

    private PostgresShapes() {
    }

    /**
     * Issue 12 defect 3: an update that does not change a TOASTed value leaves it out of the change. Every
     * type that can be stored out of line is here, updated through another column, through itself, set to
     * NULL, and changed twice in one transaction.
     */
    static Scenario toast() {
        String insert = "INSERT INTO pg_toast_values (id, rev, status, " + BIG_COLUMNS + ") SELECT g, g, 'draft', "
                + BIG_VALUES + " FROM generate_series(1, 4) g";
        return Scenario.named("TOAST-sized values of every toastable type").prepare(RANDOM_HEX)
                .table("pg_toast_values", "CREATE TABLE pg_toast_values (id int PRIMARY KEY, rev bigint NOT NULL, "
                        + "status text NOT NULL, tx text, vc varchar, bpc char(25000), by bytea, js json, jb jsonb, "
                        + "x xml, ta text[], ia int[], bya bytea[], tsv tsvector, nu numeric, vb varbit, poly polygon, "
                        + "jba jsonb[])", insert, "INSERT INTO pg_toast_values (id, rev, status) VALUES (5, 5, 'empty')")
                .changes("UPDATE pg_toast_values SET status = 'published', rev = 101 WHERE id IN (1, 2)",
                        "UPDATE pg_toast_values SET status = 'archived', rev = 102 WHERE id = 1",
                        "UPDATE pg_toast_values SET tx = rnd_hex(800), status = 'rewritten', rev = 103 WHERE id = 3",
                        "UPDATE pg_toast_values SET by = NULL, jb = NULL, ia = NULL, status = 'trimmed', rev = 104 "
                                + "WHERE id = 4",
                        "UPDATE pg_toast_values SET (" + BIG_COLUMNS + ") = (SELECT " + BIG_VALUES + "), rev = 105 "
                                + "WHERE id = 5",
                        "UPDATE pg_toast_values SET status = 'filled', rev = 106 WHERE id = 5",
                        insert.replace("generate_series(1, 4) g", "generate_series(6, 6) g").replace("SELECT g, g,",
                                "SELECT g, 107,"),
                        // two updates of one row in one transaction: the second carries no TOAST value either
                        "BEGIN", "UPDATE pg_toast_values SET status = 'first', rev = 108 WHERE id = 6",
                        "UPDATE pg_toast_values SET status = 'second', rev = 109 WHERE id = 6", "COMMIT")
                .cdcChanges("DELETE FROM pg_toast_values WHERE id = 2")
                .build();
    }

    /**
     * Declarative partitioning (manual 5.11): range by month with a DEFAULT partition (Pagila's payment),
     * list, hash, and a range partition sub-partitioned by list. The pipeline lists the parents only.
     * Issue 12 defect 4: CDC must apply changes made through the partitions to the parent's target.
     */
    static Scenario partitioned() {
        return Scenario.named("declarative partitions")
                .table("payment", "CREATE TABLE payment (payment_id int NOT NULL, customer_id smallint NOT NULL, "
                        + "amount numeric(5,2) NOT NULL, payment_date timestamptz NOT NULL, rev bigint NOT NULL, "
                        + "PRIMARY KEY (payment_id, payment_date)) PARTITION BY RANGE (payment_date)",
                        "CREATE TABLE payment_p2022_01 PARTITION OF payment FOR VALUES FROM ('2022-01-01 00:00Z') TO ('2022-02-01 00:00Z')",
                        "CREATE TABLE payment_p2022_02 PARTITION OF payment FOR VALUES FROM ('2022-02-01 00:00Z') TO ('2022-03-01 00:00Z')",
                        "CREATE TABLE payment_p2022_03 PARTITION OF payment FOR VALUES FROM ('2022-03-01 00:00Z') TO ('2022-04-01 00:00Z')",
                        "CREATE TABLE payment_default PARTITION OF payment DEFAULT",
                        "INSERT INTO payment SELECT g, g % 599 + 1, (g % 1000) / 100.0, "
                                + "'2022-01-01 00:00Z'::timestamptz + g * interval '97 minutes', g FROM generate_series(1, 1500) g")
                .table("sales", "CREATE TABLE sales (id int NOT NULL, region text NOT NULL, amount numeric(8,2), "
                        + "rev bigint NOT NULL, PRIMARY KEY (id, region)) PARTITION BY LIST (region)",
                        "CREATE TABLE sales_north PARTITION OF sales FOR VALUES IN ('north', 'arctic')",
                        "CREATE TABLE sales_south PARTITION OF sales FOR VALUES IN ('south')",
                        "CREATE TABLE sales_other PARTITION OF sales DEFAULT",
                        "INSERT INTO sales SELECT g, (ARRAY['north', 'south', 'east', 'arctic'])[g % 4 + 1], g * 1.25, g "
                                + "FROM generate_series(1, 200) g")
                .table("hashed", "CREATE TABLE hashed (id bigint PRIMARY KEY, v text, rev bigint NOT NULL) "
                        + "PARTITION BY HASH (id)",
                        "CREATE TABLE hashed_0 PARTITION OF hashed FOR VALUES WITH (MODULUS 3, REMAINDER 0)",
                        "CREATE TABLE hashed_1 PARTITION OF hashed FOR VALUES WITH (MODULUS 3, REMAINDER 1)",
                        "CREATE TABLE hashed_2 PARTITION OF hashed FOR VALUES WITH (MODULUS 3, REMAINDER 2)",
                        "INSERT INTO hashed SELECT g, 'v' || g, g FROM generate_series(1, 200) g")
                .table("measurement", "CREATE TABLE measurement (city_id int NOT NULL, logdate date NOT NULL, "
                        + "peaktemp int, rev bigint NOT NULL, PRIMARY KEY (city_id, logdate)) PARTITION BY RANGE (logdate)",
                        "CREATE TABLE measurement_y2024 PARTITION OF measurement FOR VALUES FROM ('2024-01-01') "
                                + "TO ('2025-01-01') PARTITION BY LIST (city_id)",
                        "CREATE TABLE measurement_y2024_c12 PARTITION OF measurement_y2024 FOR VALUES IN (1, 2)",
                        "CREATE TABLE measurement_y2024_cx PARTITION OF measurement_y2024 DEFAULT",
                        "CREATE TABLE measurement_y2025 PARTITION OF measurement FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                        "INSERT INTO measurement SELECT c, d::date, (c * 7 + extract(doy FROM d))::int % 40, "
                                + "c * 1000 + extract(doy FROM d)::int FROM generate_series(1, 4) c, "
                                + "generate_series('2024-12-20'::date, '2025-01-10', interval '1 day') d")
                .changes("INSERT INTO payment VALUES (5001, 1, 9.99, '2022-02-15 12:00Z', 100001), "
                                + "(5002, 2, 0.99, '2021-12-31 23:59:59Z', 100002)",
                        "UPDATE payment SET amount = amount + 1, rev = 100003 WHERE payment_id BETWEEN 10 AND 20",
                        // a partition created while the pipeline runs (publish via root covers it, issue 12 defect 4)
                        "CREATE TABLE payment_p2023_01 PARTITION OF payment FOR VALUES FROM ('2023-01-01 00:00Z') TO ('2023-02-01 00:00Z')",
                        "INSERT INTO payment VALUES (5003, 3, 1.00, '2023-01-15 00:00Z', 100004)",
                        "UPDATE sales SET amount = NULL, rev = 100005 WHERE region = 'east'",
                        "INSERT INTO sales VALUES (1000, 'arctic', 1, 100006), (1001, 'west', 2, 100007)",
                        "UPDATE hashed SET v = NULL, rev = 100008 WHERE id % 10 = 0",
                        "INSERT INTO hashed SELECT g, 'new' || g, 100009 FROM generate_series(201, 230) g",
                        "UPDATE measurement SET peaktemp = -5, rev = 100010 WHERE city_id = 2",
                        "INSERT INTO measurement VALUES (9, '2024-06-01', 30, 100011), (1, '2025-06-01', 31, 100012)")
                // a change of the partition key moves the row to another partition (and changes the key)
                .cdcChanges("UPDATE payment SET payment_date = '2022-03-15 00:00Z', rev = 100013 WHERE payment_id = 30",
                        "UPDATE sales SET region = 'south', rev = 100014 WHERE id = 1",
                        "DELETE FROM payment WHERE payment_id = 40", "DELETE FROM hashed WHERE id BETWEEN 50 AND 60",
                        "DELETE FROM measurement WHERE city_id = 3 AND logdate < '2025-01-01'")
                .build();
    }

    private static String[] inheritanceSetup() {
        return new String[] {"CREATE TABLE cities (id int PRIMARY KEY, name text NOT NULL, population int, "
                + "rev bigint NOT NULL)",
                "CREATE TABLE capitals (state char(2) NOT NULL) INHERITS (cities)",
                "ALTER TABLE capitals ADD PRIMARY KEY (id)",
                "CREATE TABLE villages (mayor text) INHERITS (cities)",
                "ALTER TABLE villages ADD PRIMARY KEY (id)",
                "INSERT INTO cities VALUES (1, 'Las Vegas', 641903, 1), (2, 'Mariposa', 1200, 2), (3, 'Madison', 269840, 3)",
                "INSERT INTO capitals VALUES (10, 'Sacramento', 524943, 10, 'CA'), (11, 'Madison WI', 269840, 11, 'WI')",
                "INSERT INTO villages VALUES (20, 'Hamlet', 50, 20, 'Ann')"};
    }

    private static Scenario.Builder inheritanceChanges(Scenario.Builder builder) {
        return builder.changes(
                        // through the parent: updates the parent's own row and a child's row
                        "UPDATE cities SET population = population + 1, rev = 100001 WHERE id IN (1, 10)",
                        "INSERT INTO capitals VALUES (12, 'Austin', 961855, 100002, 'TX')",
                        "INSERT INTO cities VALUES (4, 'Reno', 264165, 100003)",
                        "UPDATE villages SET mayor = NULL, rev = 100004 WHERE id = 20")
                .cdcChanges("DELETE FROM cities WHERE id IN (2, 11)");
    }

    /**
     * Inheritance (manual 5.10) with the parent and its children in the pipeline: each child's rows belong
     * to the child's target only, never twice (issue 12 defect 4: the parent must be read with ONLY).
     */
    static Scenario inheritanceWithChildren() {
        return inheritanceChanges(Scenario.named("inheritance, parent and children")
                .table("cities", inheritanceSetup()).table("capitals").table("villages")
                .check((source, clickhouse, mode) -> {
                    List<List<String>> own = source.rows("SELECT id FROM ONLY cities ORDER BY id");
                    List<List<String>> target = clickhouse.queryAll("SELECT toString(id) FROM cities FINAL"
                            + (mode == Mode.CDC ? " WHERE _is_deleted = 0" : "") + " ORDER BY id");
                    return own.equals(target) ? null : "the parent's target must hold the parent's own rows "
                            + "(SELECT ... FROM ONLY cities) " + own + " but holds " + target
                            + " (children's rows counted twice or missing)";
                })).build();
    }

    /** The inheritance parent alone in the pipeline: whatever it holds, validate must agree with it. */
    static Scenario inheritanceParentAlone() {
        return inheritanceChanges(Scenario.named("inheritance, parent alone").table("cities", inheritanceSetup()))
                .build();
    }

    /**
     * STORED generated columns of several types (manual 5.3; Pagila's film.fulltext tsvector) and identity
     * columns. Issue 12 defect 5: PostgreSQL 15 does not publish generated columns in logical replication.
     */
    static Scenario generated() {
        return Scenario.named("generated and identity columns")
                .table("film", "CREATE TABLE film (film_id int PRIMARY KEY, title text NOT NULL, description text, "
                        + "rental_rate numeric(4,2) NOT NULL DEFAULT 4.99, rental_duration smallint NOT NULL DEFAULT 3, "
                        + "rev bigint NOT NULL, "
                        + "fulltext tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || "
                        + "coalesce(description, ''))) STORED, "
                        + "total_cost numeric(6,2) GENERATED ALWAYS AS (rental_rate * rental_duration) STORED, "
                        + "title_upper text GENERATED ALWAYS AS (upper(title)) STORED, "
                        + "title_len int GENERATED ALWAYS AS (length(title)) STORED, "
                        + "rental_period interval GENERATED ALWAYS AS (rental_duration * interval '1 day') STORED, "
                        + "words text[] GENERATED ALWAYS AS (string_to_array(lower(title), ' ')) STORED, "
                        + "meta jsonb GENERATED ALWAYS AS (('{\"len\": ' || length(title)::text || '}')::jsonb) STORED, "
                        + "blurb text GENERATED ALWAYS AS (nullif(description, '')) STORED)",
                        "INSERT INTO film (film_id, title, description, rev) VALUES (1, 'ACADEMY DINOSAUR', "
                                + "'A Epic Drama of a Feminist And a Mad Scientist', 1), (2, 'ACE GOLDFINGER', NULL, 2), "
                                + "(3, 'ADAPTATION HOLES', '', 3)")
                .table("rental", "CREATE TABLE rental (rental_id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                        + "staff_id smallint GENERATED BY DEFAULT AS IDENTITY, film_id int NOT NULL, rev bigint NOT NULL)",
                        "INSERT INTO rental (film_id, rev) VALUES (1, 1), (2, 2)",
                        "INSERT INTO rental (staff_id, film_id, rev) VALUES (9, 3, 3)")
                .changes("UPDATE film SET title = 'ACADEMY DINOSAUR II', rev = 101 WHERE film_id = 1",
                        "UPDATE film SET rental_rate = 0.99, rental_duration = 7, rev = 102 WHERE film_id = 2",
                        "UPDATE film SET description = 'Now described', rev = 103 WHERE film_id = 3",
                        "UPDATE film SET rev = 104 WHERE film_id = 2",
                        "INSERT INTO film (film_id, title, rev) VALUES (4, 'AFFAIR PREJUDICE', 105)",
                        "INSERT INTO rental (film_id, rev) VALUES (4, 106)",
                        "UPDATE rental SET film_id = 2, rev = 107 WHERE rental_id = 1")
                .cdcChanges("DELETE FROM film WHERE film_id = 3")
                .build();
    }

    /**
     * Values docs/type-mapping.md ("Dead letters") lists as unwritable: NaN in numeric(p,s), a multi-dimensional
     * value in a one-dimensional array column. Each such row must be a dead letter with its key and reason; the
     * rest of the table loads, 'infinity' and BC dates included (their columns become text).
     */
    static Scenario deadLetters() {
        return Scenario.named("documented dead letters")
                .table("pg_special", "CREATE TABLE pg_special (id int PRIMARY KEY, rev bigint NOT NULL, d date, "
                        + "ts timestamp(0), tstz timestamptz, ts6 timestamp(6), n numeric(10,2), ia int[])",
                        "INSERT INTO pg_special (id, rev, d) VALUES (1, 1, 'infinity'), (2, 2, '-infinity'), "
                                + "(5, 5, '0044-03-15 BC')",
                        "INSERT INTO pg_special (id, rev, ts) VALUES (3, 3, 'infinity')",
                        "INSERT INTO pg_special (id, rev, tstz) VALUES (4, 4, '-infinity')",
                        "INSERT INTO pg_special (id, rev, ts6) VALUES (6, 6, 'infinity')",
                        "INSERT INTO pg_special (id, rev, n) VALUES (7, 7, 'NaN')",
                        "INSERT INTO pg_special (id, rev, ia) VALUES (8, 8, '{{1,2},{3,4}}')",
                        "INSERT INTO pg_special VALUES (9, 9, '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00Z', "
                                + "'2024-01-01 00:00:00.5', 1.5, '{1,2}')")
                .changes("UPDATE pg_special SET rev = 101 WHERE id = 1",
                        "UPDATE pg_special SET d = '2024-02-29', rev = 102 WHERE id = 2",
                        "INSERT INTO pg_special (id, rev, d) VALUES (11, 103, '-infinity')",
                        "UPDATE pg_special SET ts = '-infinity', rev = 104 WHERE id = 9")
                // infinity, -infinity and BC values make their columns text (docs/type-mapping.md), which holds
                // them: only a NaN in a numeric(p,s) and a two-dimensional value in an int[] remain unwritable
                .deadLetter("pg_special", "7", "n", "'NaN'", 1)
                .deadLetter("pg_special", "8", "ia", "dimension", 1)
                .build();
    }
}
