package dev.ferry.clickhouse;

import java.time.LocalDate;

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
 * @param date32                {@code Date32} columns (21.9+)
 * @param wideDates             the dates {@code DateTime64} and {@code Date32} hold
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
        boolean renameColumn,
        boolean date32,
        WideDates wideDates) {

    /**
     * The days {@code DateTime64} and {@code Date32} show correctly. Outside them servers clamp silently
     * (ClickHouse changelogs 21.4 and 22.8, pull requests 9404 and 39425), so Ferry never writes beyond them.
     * Later servers may hold more; Ferry relies only on what a release documented.
     */
    public enum WideDates {
        /** Before 21.4 DateTime64 shows only what DateTime shows. */
        SINCE_1970(LocalDate.of(1970, 1, 1), LocalDate.of(2106, 2, 6)),
        /** 21.4 to 22.7: 1925-01-01 to 2283-11-11. */
        SINCE_1925(LocalDate.of(1925, 1, 1), LocalDate.of(2283, 11, 11)),
        /** 22.8 and later: 1900-01-01 to 2299-12-31. */
        SINCE_1900(LocalDate.of(1900, 1, 1), LocalDate.of(2299, 12, 31));

        private final LocalDate first;
        private final LocalDate last;

        WideDates(LocalDate first, LocalDate last) {
            this.first = first;
            this.last = last;
        }

        public LocalDate first() {
            return first;
        }

        /** The last day, held whole (until 23:59:59.999…). */
        public LocalDate last() {
            return last;
        }
    }

    public static ServerCapabilities of(ServerVersion v) {
        WideDates wideDates = v.atLeast(22, 8) ? WideDates.SINCE_1900
                : v.atLeast(21, 4) ? WideDates.SINCE_1925 : WideDates.SINCE_1970;
        return new ServerCapabilities(v, v.atLeast(20, 1), v.atLeast(21, 1), v.atLeast(21, 12), v.atLeast(23, 2),
                v.atLeast(19, 1), v.atLeast(19, 1), v.atLeast(22, 1), v.atLeast(20, 4), v.atLeast(21, 9), wideDates);
    }
}
