package dev.ferry.cdc.torture;

import java.util.List;

/**
 * The schema changes Ferry follows in CDC (docs/cdc.md "Schema changes", issue 12 defect 6), each with the
 * statements that use the new shape right after it and again after the restart.
 */
enum DdlKind {
    ADD_COLUMN, DROP_COLUMN, RENAME_COLUMN, MODIFY_COLUMN, CREATE_TABLE, DROP_TABLE, TRUNCATE;

    /** Whether the pipeline must select tables by pattern to see this change (new or dropped tables). */
    boolean needsPattern() {
        return this == CREATE_TABLE || this == DROP_TABLE;
    }

    List<String> ddl(boolean postgres) {
        return switch (this) {
            case ADD_COLUMN -> List.of("ALTER TABLE items ADD COLUMN extra varchar(30) DEFAULT 'n/a'");
            case DROP_COLUMN -> List.of("ALTER TABLE items DROP COLUMN note");
            case RENAME_COLUMN -> List.of("ALTER TABLE items RENAME COLUMN qty TO quantity");
            case MODIFY_COLUMN -> List.of(postgres ? "ALTER TABLE items ALTER COLUMN name TYPE varchar(200)"
                    : "ALTER TABLE items MODIFY name varchar(200)");
            case CREATE_TABLE -> List.of("CREATE TABLE extra_t (id int PRIMARY KEY, v varchar(10), rev bigint NOT NULL)");
            case DROP_TABLE -> List.of("DROP TABLE doomed");
            case TRUNCATE -> List.of("TRUNCATE TABLE items");
        };
    }

    /**
     * What a MariaDB schema history file holds once the stream has read this change, or null when Debezium
     * does not record it there (TRUNCATE): the server rewrites some statements in the binlog (DROP TABLE gets
     * the database name), so this is a pattern of the statement's key words.
     */
    java.util.regex.Pattern historyRecord() {
        String pattern = switch (this) {
            case ADD_COLUMN -> "ADD COLUMN extra";
            case DROP_COLUMN -> "DROP COLUMN note";
            case RENAME_COLUMN -> "RENAME COLUMN qty TO quantity";
            case MODIFY_COLUMN -> "MODIFY name varchar\\(200\\)";
            case CREATE_TABLE -> "CREATE TABLE extra_t";
            case DROP_TABLE -> "DROP TABLE [^\"]*doomed";
            case TRUNCATE -> null;
        };
        return pattern == null ? null
                : java.util.regex.Pattern.compile(pattern, java.util.regex.Pattern.CASE_INSENSITIVE);
    }

    /** Changes right after the DDL, in the new shape. */
    List<String> after() {
        return switch (this) {
            // an explicit NULL into a column whose DEFAULT is not NULL must stay NULL (issue 12 defect 1)
            case ADD_COLUMN -> List.of("INSERT INTO items (id, name, qty, note, rev, extra) VALUES (10, 'ten', 10, NULL, 10, NULL)",
                    "UPDATE items SET extra = 'set', rev = 11 WHERE id = 2",
                    "UPDATE items SET extra = NULL, rev = 12 WHERE id = 3");
            case DROP_COLUMN -> List.of("INSERT INTO items (id, name, qty, rev) VALUES (10, 'ten', 10, 10)",
                    "UPDATE items SET qty = 0, rev = 11 WHERE id = 2");
            case RENAME_COLUMN -> List.of("UPDATE items SET quantity = 99, rev = 11 WHERE id = 2",
                    "INSERT INTO items (id, name, quantity, note, rev) VALUES (10, 'ten', 10, NULL, 10)");
            case MODIFY_COLUMN -> List.of("UPDATE items SET name = '" + "x".repeat(150) + "', rev = 11 WHERE id = 2");
            case CREATE_TABLE -> List.of("INSERT INTO extra_t VALUES (1, 'x', 1), (2, 'y', 2)",
                    "UPDATE extra_t SET v = 'z', rev = 3 WHERE id = 2");
            case DROP_TABLE -> List.of("UPDATE items SET qty = 1, rev = 11 WHERE id = 2");
            case TRUNCATE -> List.of("INSERT INTO items (id, name, qty, rev) VALUES (20, 'after truncate', 1, 20)");
        };
    }

    /** Changes after the restart, still in the new shape. */
    List<String> later() {
        return switch (this) {
            case ADD_COLUMN -> List.of("UPDATE items SET extra = 'later', rev = 21 WHERE id = 4",
                    "INSERT INTO items (id, name, rev) VALUES (11, 'eleven', 22)");
            case DROP_COLUMN -> List.of("UPDATE items SET name = 'renamed', rev = 21 WHERE id = 3");
            case RENAME_COLUMN -> List.of("UPDATE items SET quantity = quantity + 1, rev = 21 WHERE id IN (3, 4)");
            case MODIFY_COLUMN -> List.of("INSERT INTO items (id, name, qty, rev) VALUES (11, '" + "y".repeat(180)
                    + "', 11, 22)");
            case CREATE_TABLE -> List.of("INSERT INTO extra_t VALUES (3, 'w', 4)", "DELETE FROM extra_t WHERE id = 1");
            case DROP_TABLE -> List.of("INSERT INTO items (id, name, qty, rev) VALUES (11, 'eleven', 11, 22)");
            case TRUNCATE -> List.of("UPDATE items SET qty = 2, rev = 21 WHERE id = 20",
                    "INSERT INTO items (id, name, qty, rev) VALUES (21, 'twenty-one', 1, 22)");
        };
    }
}
