package dev.ferry.clickhouse;

/**
 * What a ClickHouse server can do, derived from its version, so that DDL and inserts use modern features
 * where present and degrade cleanly on old servers (such as Debian's 18.16).
 *
 * @param dateTime64            {@code DateTime64(p)} columns (20.1+)
 * @param mapType               {@code Map(K, V)} (21.1+)
 * @param boolType              {@code Bool} (21.12+)
 * @param replacingIsDeleted    {@code ReplacingMergeTree(version, is_deleted)} (23.2+)
 * @param queryParameters       {@code {name:Type}} placeholders bound server-side (19.x+)
 * @param lowCardinality        {@code LowCardinality(T)} (19.1+ without the experimental flag)
 * @param decimal256            Decimal with precision 39..76 (22.1+; experimental before)
 * @param renameColumn          {@code ALTER TABLE ... RENAME COLUMN} (20.4+)
 */
public record ServerCapabilities(
        ServerVersion version,
        boolean dateTime64,
        boolean mapType,
        boolean boolType,
        boolean replacingIsDeleted,
        boolean queryParameters,
        boolean lowCardinality,
        boolean decimal256,
        boolean renameColumn) {

    public static ServerCapabilities of(ServerVersion v) {
        return new ServerCapabilities(v, v.atLeast(20, 1), v.atLeast(21, 1), v.atLeast(21, 12), v.atLeast(23, 2),
                v.atLeast(19, 1), v.atLeast(19, 1), v.atLeast(22, 1), v.atLeast(20, 4));
    }
}
