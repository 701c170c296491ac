package dev.ferry.clickhouse.table;

import static dev.ferry.clickhouse.ClickHouseGateway.quoteIdentifier;
import static dev.ferry.clickhouse.ClickHouseGateway.quoteString;

import java.util.StringJoiner;

/** CREATE and ALTER statements for Ferry's target tables, in syntax every server since 18.x accepts. */
public final class TableDdl {

    private TableDdl() {
    }

    public static String create(TargetTable table) {
        StringJoiner columns = new StringJoiner(",\n    ", "(\n    ", "\n)");
        for (TargetColumn column : table.columns()) {
            columns.add(columnDefinition(column));
        }
        String engine = switch (table.engine()) {
            case REPLACING_MERGE_TREE -> {
                columns.add(quoteIdentifier(TargetTable.VERSION_COLUMN) + " UInt64 COMMENT "
                        + quoteString("Ferry: version of the row (load time in microseconds, or source position)"));
                if (table.deletes() != TargetTable.Deletes.NONE) {
                    columns.add(quoteIdentifier(TargetTable.DELETED_COLUMN) + " UInt8 COMMENT "
                            + quoteString("Ferry: 1 when the row was deleted at the source"));
                }
                yield "ReplacingMergeTree(" + quoteIdentifier(TargetTable.VERSION_COLUMN)
                        + (table.deletes() == TargetTable.Deletes.ENGINE_COLUMN
                                ? ", " + quoteIdentifier(TargetTable.DELETED_COLUMN) : "") + ")";
            }
            case MERGE_TREE -> "MergeTree";
        };
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table.qualifiedName())
                .append(' ').append(columns).append("\nENGINE = ").append(engine);
        if (table.partitionBy() != null && !table.partitionBy().isBlank()) {
            sql.append("\nPARTITION BY ").append(table.partitionBy());
        }
        sql.append("\nORDER BY ").append(table.orderBy().isEmpty() ? "tuple()"
                : "(" + String.join(", ", table.orderBy().stream().map(key -> keyExpression(table, key)).toList()) + ")");
        return sql.toString();
    }

    /**
     * The view of current rows for servers whose ReplacingMergeTree cannot drop deleted rows itself:
     * deduplicated ({@code FINAL}) and without tombstones.
     */
    public static String currentView(TargetTable table) {
        String view = quoteIdentifier(table.database()) + "." + quoteIdentifier(table.name() + "_current");
        return "CREATE VIEW IF NOT EXISTS " + view + " AS SELECT * FROM " + table.qualifiedName() + " FINAL WHERE "
                + quoteIdentifier(TargetTable.DELETED_COLUMN) + " = 0";
    }

    public static String addColumn(TargetTable table, TargetColumn column, String after) {
        return "ALTER TABLE " + table.qualifiedName() + " ADD COLUMN " + columnDefinition(column)
                + (after == null ? "" : " AFTER " + quoteIdentifier(after));
    }

    public static String dropColumn(TargetTable table, String column) {
        return "ALTER TABLE " + table.qualifiedName() + " DROP COLUMN " + quoteIdentifier(column);
    }

    /** {@code RENAME COLUMN}, on servers that have it (20.4+). */
    public static String renameColumn(TargetTable table, String from, String to) {
        return "ALTER TABLE " + table.qualifiedName() + " RENAME COLUMN " + quoteIdentifier(from) + " TO "
                + quoteIdentifier(to);
    }

    /** A mutation that copies one column into another, for a rename on servers without RENAME COLUMN. */
    public static String copyColumn(TargetTable table, String from, String to) {
        return "ALTER TABLE " + table.qualifiedName() + " UPDATE " + quoteIdentifier(to) + " = "
                + quoteIdentifier(from) + " WHERE 1";
    }

    public static String dropCurrentView(TargetTable table) {
        return "DROP TABLE IF EXISTS " + quoteIdentifier(table.database()) + "."
                + quoteIdentifier(table.name() + "_current");
    }

    private static String columnDefinition(TargetColumn column) {
        String definition = quoteIdentifier(column.name()) + " " + column.type().sql();
        return column.comment().isEmpty() ? definition : definition + " COMMENT " + quoteString(column.comment());
    }

    /**
     * A key that names one of the table's columns is that column, quoted (whatever characters its name
     * holds); anything else is an expression the user wrote ({@code order_by: [toDate(ts)]}), taken as written.
     */
    private static String keyExpression(TargetTable table, String key) {
        boolean column = table.columns().stream().anyMatch(c -> c.name().equals(key))
                || key.equals(TargetTable.VERSION_COLUMN) || key.equals(TargetTable.DELETED_COLUMN);
        return column || key.matches("[A-Za-z_][A-Za-z0-9_]*") ? quoteIdentifier(key) : key;
    }
}
