package dev.ferry.cdc.torture;

/**
 * MariaDB table shapes: large values (MariaDB has no TOAST, but multi-kB BLOB/TEXT/JSON values travel in
 * the binlog's row images), partitioning (MariaDB "Partitioning Types": RANGE, LIST, HASH, KEY,
 * subpartitions; Sakila's payment), VIRTUAL and PERSISTENT generated columns (MariaDB "Generated Columns";
 * Debezium's default_value_generated.sql), invisible and AUTO_INCREMENT columns, and the zero and invalid
 * dates of docs/type-mapping.md ("MySQL zero dates").
 */
final class MariaDbShapes {

    /** Random hex: it does not compress, like real payloads. */
    private static final String HEX = "(SELECT GROUP_CONCAT(MD5(RAND()) SEPARATOR '') FROM seq_1_to_700)";
    private static final String BIG_VALUES = HEX + ", " + HEX + ", " + HEX + ", UNHEX(" + HEX + "), UNHEX(" + HEX
            + "), UNHEX(" + HEX + "), JSON_OBJECT('k', " + HEX + "), LEFT(" + HEX + ", 15000), LEFT(UNHEX(" + HEX
            + "), 20000)";
    private static final String BIG_COLUMNS = "tx, mt, lt, bl, mb, lb, js, vc, vb";

    private MariaDbShapes() {
    }

    /** Every long type with 10-25 kB that does not compress, updated through another column and itself. */
    static Scenario large() {
        String insert = "INSERT INTO my_large (id, rev, status, " + BIG_COLUMNS + ") SELECT seq, seq, 'draft', "
                + BIG_VALUES + " FROM seq_1_to_4";
        return Scenario.named("large values of every long type")
                .table("my_large", "CREATE TABLE my_large (id int PRIMARY KEY, rev bigint NOT NULL, "
                        + "status varchar(20) NOT NULL, tx text, mt mediumtext, lt longtext, bl blob, mb mediumblob, "
                        + "lb longblob, js json, vc varchar(16000) CHARACTER SET ascii, vb varbinary(20000))", insert, "INSERT INTO my_large (id, rev, status) VALUES (5, 5, 'empty')")
                .changes("UPDATE my_large SET status = 'published', rev = 101 WHERE id IN (1, 2)",
                        "UPDATE my_large SET status = 'archived', rev = 102 WHERE id = 1",
                        "UPDATE my_large SET tx = " + HEX + ", status = 'rewritten', rev = 103 WHERE id = 3",
                        "UPDATE my_large SET bl = NULL, js = NULL, status = 'trimmed', rev = 104 WHERE id = 4",
                        insert.replace("seq_1_to_4", "seq_6_to_6").replace("SELECT seq, seq,", "SELECT seq, 105,"),
                        "BEGIN", "UPDATE my_large SET status = 'first', rev = 106 WHERE id = 6",
                        "UPDATE my_large SET status = 'second', rev = 107 WHERE id = 6", "COMMIT")
                .cdcChanges("DELETE FROM my_large WHERE id = 2")
                .build();
    }

    /** RANGE (Sakila's payment by year), LIST COLUMNS with DEFAULT, HASH, KEY, RANGE with HASH subpartitions. */
    static Scenario partitioned() {
        return Scenario.named("partitioned tables")
                .table("payment", "CREATE TABLE payment (payment_id int NOT NULL, customer_id smallint unsigned NOT NULL, "
                        + "amount decimal(5,2) NOT NULL, payment_date datetime NOT NULL, rev bigint NOT NULL, "
                        + "PRIMARY KEY (payment_id, payment_date)) PARTITION BY RANGE (YEAR(payment_date)) "
                        + "(PARTITION p2005 VALUES LESS THAN (2006), PARTITION p2006 VALUES LESS THAN (2007))",
                        "INSERT INTO payment SELECT seq, seq % 599 + 1, (seq % 1000) / 100, "
                                + "TIMESTAMPADD(MINUTE, seq * 397, '2005-05-24 22:53:30'), seq FROM seq_1_to_1500")
                .table("sales", "CREATE TABLE sales (id int NOT NULL, region varchar(10) NOT NULL, amount decimal(8,2), "
                        + "rev bigint NOT NULL, PRIMARY KEY (id, region)) PARTITION BY LIST COLUMNS (region) "
                        + "(PARTITION pn VALUES IN ('north', 'arctic'), PARTITION ps VALUES IN ('south'), PARTITION po DEFAULT)",
                        "INSERT INTO sales SELECT seq, ELT(seq % 4 + 1, 'north', 'south', 'east', 'arctic'), seq * 1.25, seq "
                                + "FROM seq_1_to_200")
                .table("hashed", "CREATE TABLE hashed (id bigint PRIMARY KEY, v varchar(20), rev bigint NOT NULL) "
                        + "PARTITION BY HASH (id) PARTITIONS 3",
                        "INSERT INTO hashed SELECT seq, CONCAT('v', seq), seq FROM seq_1_to_200")
                .table("keyed", "CREATE TABLE keyed (id bigint PRIMARY KEY, v varchar(20), rev bigint NOT NULL) "
                        + "PARTITION BY KEY (id) PARTITIONS 3",
                        "INSERT INTO keyed SELECT seq, CONCAT('k', seq), seq FROM seq_1_to_200")
                .table("measurement", "CREATE TABLE measurement (city_id int NOT NULL, logdate date NOT NULL, "
                        + "peaktemp int, rev bigint NOT NULL, PRIMARY KEY (city_id, logdate)) "
                        + "PARTITION BY RANGE (YEAR(logdate)) SUBPARTITION BY HASH (city_id) SUBPARTITIONS 2 "
                        + "(PARTITION y2024 VALUES LESS THAN (2025), PARTITION y2025 VALUES LESS THAN (2026))",
                        "INSERT INTO measurement SELECT c.seq, DATE_ADD('2024-12-20', INTERVAL d.seq DAY), "
                                + "(c.seq * 7 + d.seq) % 40, c.seq * 1000 + d.seq FROM seq_1_to_4 c, seq_0_to_21 d")
                .changes("INSERT INTO payment VALUES (5001, 1, 9.99, '2006-02-15 12:00:00', 100001), "
                                + "(5002, 2, 0.99, '2005-05-24 00:00:00', 100002)",
                        "UPDATE payment SET amount = amount + 1, rev = 100003 WHERE payment_id BETWEEN 10 AND 20",
                        "UPDATE sales SET amount = NULL, rev = 100005 WHERE region = 'east'",
                        "INSERT INTO sales VALUES (1000, 'arctic', 1, 100006), (1001, 'west', 2, 100007)",
                        "UPDATE hashed SET v = NULL, rev = 100008 WHERE id % 10 = 0",
                        "INSERT INTO hashed SELECT seq, CONCAT('new', seq), 100009 FROM seq_201_to_230",
                        "UPDATE keyed SET v = 'changed', rev = 100010 WHERE id < 20",
                        "UPDATE measurement SET peaktemp = -5, rev = 100011 WHERE city_id = 2",
                        "INSERT INTO measurement VALUES (9, '2024-06-01', 30, 100012), (1, '2025-06-01', 31, 100013)")
                // partition maintenance while streaming: the schema history must follow it across restarts too
                .cdcChanges("ALTER TABLE payment ADD PARTITION (PARTITION p2007 VALUES LESS THAN (2008))",
                        "INSERT INTO payment VALUES (5003, 3, 1.00, '2007-01-15 00:00:00', 100014)",
                        "ALTER TABLE hashed COALESCE PARTITION 1",
                        "UPDATE payment SET payment_date = '2006-03-15 00:00:00', rev = 100015 WHERE payment_id = 30",
                        "UPDATE sales SET region = 'south', rev = 100016 WHERE id = 1",
                        "DELETE FROM payment WHERE payment_id = 40", "DELETE FROM hashed WHERE id BETWEEN 50 AND 60",
                        "DELETE FROM keyed WHERE id > 190",
                        "DELETE FROM measurement WHERE city_id = 3 AND logdate < '2025-01-01'")
                .build();
    }

    /**
     * VIRTUAL and PERSISTENT (= STORED) generated columns of several types, an index on a virtual column,
     * an INVISIBLE column (10.3+), AUTO_INCREMENT and SERIAL keys.
     */
    static Scenario generated() {
        return Scenario.named("generated, invisible and auto-increment columns")
                .table("film", "CREATE TABLE film (film_id int PRIMARY KEY, title varchar(128) NOT NULL, "
                        + "description text, rental_rate decimal(4,2) NOT NULL DEFAULT 4.99, "
                        + "rental_duration tinyint unsigned NOT NULL DEFAULT 3, rev bigint NOT NULL, "
                        + "total_cost decimal(6,2) AS (rental_rate * rental_duration) PERSISTENT, "
                        + "title_upper varchar(128) AS (UPPER(title)) VIRTUAL, "
                        + "title_len int AS (CHAR_LENGTH(title)) STORED, "
                        + "due_date date AS (DATE_ADD('2024-01-01', INTERVAL rental_duration DAY)) VIRTUAL, "
                        + "meta longtext AS (JSON_OBJECT('t', title, 'r', rental_rate)) VIRTUAL, "
                        + "blurb varchar(255) AS (NULLIF(description, '')) PERSISTENT, "
                        + "double_duration smallint unsigned AS (2 * rental_duration) VIRTUAL, "
                        + "secret varchar(10) INVISIBLE DEFAULT 'hidden', "
                        + "KEY (title_upper))",
                        "INSERT INTO film (film_id, title, description, rev) VALUES (1, 'ACADEMY DINOSAUR', "
                                + "'A Epic Drama of a Feminist And a Mad Scientist', 1), (2, 'ACE GOLDFINGER', NULL, 2), "
                                + "(3, 'ADAPTATION HOLES', '', 3)")
                .table("rental", "CREATE TABLE rental (rental_id int AUTO_INCREMENT PRIMARY KEY, film_id int NOT NULL, "
                        + "rev bigint NOT NULL)",
                        "INSERT INTO rental (film_id, rev) VALUES (1, 1), (2, 2), (3, 3)")
                .table("serials", "CREATE TABLE serials (id SERIAL PRIMARY KEY, v varchar(10), rev bigint NOT NULL)",
                        "INSERT INTO serials (v, rev) VALUES ('a', 1), (NULL, 2)")
                .changes("UPDATE film SET title = 'ACADEMY DINOSAUR II', rev = 101 WHERE film_id = 1",
                        "UPDATE film SET rental_rate = 0.99, rental_duration = 7, rev = 102 WHERE film_id = 2",
                        "UPDATE film SET description = 'Now described', secret = 'shown', rev = 103 WHERE film_id = 3",
                        "UPDATE film SET rev = 104 WHERE film_id = 2",
                        "INSERT INTO film (film_id, title, rev) VALUES (4, 'AFFAIR PREJUDICE', 105)",
                        "INSERT INTO rental (film_id, rev) VALUES (4, 106)",
                        "UPDATE rental SET film_id = 2, rev = 107 WHERE rental_id = 1",
                        "INSERT INTO serials (v, rev) VALUES ('b', 108)")
                .cdcChanges("DELETE FROM film WHERE film_id = 3")
                .build();
    }

    /**
     * docs/type-mapping.md "MySQL zero dates": zero dates become ClickHouse's zero (the rows land); a zero
     * month or day, a zero date with a time, and days ALLOW_INVALID_DATES lets in are dead letters. Also
     * ENUM's invalid-value index 0 (the empty string).
     */
    static Scenario deadLetters() {
        String mode = "SET SESSION sql_mode = 'ALLOW_INVALID_DATES'";
        return Scenario.named("zero and invalid dates")
                .table("my_special", mode, "CREATE TABLE my_special (id int PRIMARY KEY, rev bigint NOT NULL, d date, "
                        + "dt datetime, dt3 datetime(3), ts timestamp NULL, e enum('a','b'))",
                        "INSERT INTO my_special VALUES (1, 1, '0000-00-00', '0000-00-00 00:00:00', "
                                + "'0000-00-00 00:00:00.000', '0000-00-00 00:00:00', 'zzz')",
                        "INSERT INTO my_special (id, rev, d) VALUES (2, 2, '2024-02-30'), (3, 3, '2024-00-10')",
                        "INSERT INTO my_special (id, rev, dt) VALUES (4, 4, '0000-00-00 12:00:00')",
                        "INSERT INTO my_special (id, rev, dt3) VALUES (5, 5, '2024-02-30 10:00:00.5')",
                        "INSERT INTO my_special VALUES (6, 6, '2024-02-29', '2024-02-29 10:00:00', "
                                + "'2024-02-29 10:00:00.5', '2024-02-29 10:00:00', 'b')")
                .changes(mode, "UPDATE my_special SET rev = 101 WHERE id = 1",
                        "INSERT INTO my_special (id, rev, d, e) VALUES (8, 103, '0000-00-00', '')")
                // Debezium cannot read a binlog row holding an ALLOW_INVALID_DATES day: the stream stops with what
                // to do (CdcRealWorldIT), so only the batch modes get such changes here
                .batchChanges(mode, "UPDATE my_special SET rev = 101 WHERE id = 2",
                        "INSERT INTO my_special (id, rev, d) VALUES (7, 102, '2023-02-29')")
                .deadLetter("my_special", "2", "d", "2024-02-30", 1)
                .deadLetter("my_special", "3", "d", "2024-00-10", 1)
                .deadLetter("my_special", "4", "dt", "0000-00-00 12:00:00", 1)
                .deadLetter("my_special", "5", "dt3", "2024-02-30", 1)
                .batchDeadLetter("my_special", "7", "d", "2023-02-29", 2)
                .build();
    }
}
