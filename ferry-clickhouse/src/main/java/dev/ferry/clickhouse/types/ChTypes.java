package dev.ferry.clickhouse.types;

import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import dev.ferry.core.schema.TemporalRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the ClickHouse type of a source column for a given server. Modern servers get DateTime64, Date32,
 * Bool, LowCardinality and wide decimals; older ones get lossless fallbacks (docs/type-mapping.md). Date and
 * time columns may need a wider type than their narrowest when their values lie outside it ({@link #choices}).
 */
public final class ChTypes {

    /** Date-times are stored as UTC instants; wall-clock values (no zone) are written as if in UTC. */
    public static final String ZONE = "UTC";

    private ChTypes() {
    }

    /**
     * The narrowest of the column's {@link #choices}: its type when nothing is known about its values.
     *
     * @param keyColumn part of the ORDER BY key, which ClickHouse does not allow to be Nullable
     */
    public static ChType forColumn(ColumnSpec column, ServerCapabilities caps, boolean keyColumn) {
        return choices(column, caps, keyColumn).get(0);
    }

    /**
     * The types that can hold the column's values without loss, narrowest first. Most columns have one; a
     * date or time column has a ladder whose rungs hold ever more of the time line ({@link TypeRanges}),
     * ending in text, which holds every value, BC dates and PostgreSQL's infinities included. Which rung a
     * table gets depends on its values ({@link #narrowest}) and on what its target already has.
     */
    public static List<ChType> choices(ColumnSpec column, ServerCapabilities caps, boolean keyColumn) {
        List<ChType> choices = new ArrayList<>();
        for (ChType base : baseChoices(column.type(), caps)) {
            choices.add(wrapped(base, column, caps, keyColumn));
        }
        return choices;
    }

    /** The first of the column's {@link #choices} that holds every value of {@code values}. */
    public static ChType narrowest(ColumnSpec column, ServerCapabilities caps, boolean keyColumn,
            TemporalRange values) {
        List<ChType> choices = choices(column, caps, keyColumn);
        for (ChType choice : choices) {
            if (values.within(TypeRanges.of(choice, caps))) {
                return choice;
            }
        }
        return choices.get(choices.size() - 1);
    }

    private static ChType wrapped(ChType base, ColumnSpec column, ServerCapabilities caps, boolean keyColumn) {
        // ClickHouse has no Nullable(Array): a NULL array is stored as [] (documented)
        boolean nullable = column.nullable() && !keyColumn && base.kind() != ChKind.ARRAY;
        ChType type = nullable ? base.asNullable() : base;
        LogicalKind kind = column.type().kind();
        if ((kind == LogicalKind.ENUM || kind == LogicalKind.SET) && caps.lowCardinality()) {
            type = type.asLowCardinality();
        }
        return type;
    }

    private static List<ChType> baseChoices(LogicalType type, ServerCapabilities caps) {
        List<ChType> choices = new ArrayList<>();
        switch (type.kind()) {
            case DATE -> {
                choices.add(ChType.of(ChKind.DATE));
                if (caps.date32()) {
                    choices.add(ChType.of(ChKind.DATE32));
                }
                choices.add(ChType.of(ChKind.STRING));
            }
            case TIMESTAMP, TIMESTAMP_TZ -> {
                int digits = type.precision();
                if (digits == 0) {
                    choices.add(ChType.dateTime(ZONE));
                }
                // DateTime64(0) is worth having only where it holds more than DateTime (21.4+)
                if (caps.dateTime64() && (digits > 0 || caps.wideDates() != ServerCapabilities.WideDates.SINCE_1970)) {
                    choices.add(ChType.dateTime64(digits, ZONE));
                }
                // text holds sub-second precision before 20.1, and any value anywhere
                choices.add(ChType.of(ChKind.STRING));
            }
            case ARRAY -> baseChoices(type.element(), caps).forEach(e -> choices.add(ChType.array(e.asNullable())));
            default -> choices.add(forType(type, caps));
        }
        return choices;
    }

    static ChType forType(LogicalType type, ServerCapabilities caps) {
        return switch (type.kind()) {
            case BOOLEAN -> ChType.of(caps.boolType() ? ChKind.BOOL : ChKind.UINT8);
            case INT8 -> ChType.of(ChKind.INT8);
            case INT16 -> ChType.of(ChKind.INT16);
            case INT32 -> ChType.of(ChKind.INT32);
            case INT64 -> ChType.of(ChKind.INT64);
            case UINT8 -> ChType.of(ChKind.UINT8);
            case UINT16, YEAR -> ChType.of(ChKind.UINT16);
            case UINT32 -> ChType.of(ChKind.UINT32);
            case UINT64 -> ChType.of(ChKind.UINT64);
            case FLOAT32 -> ChType.of(ChKind.FLOAT32);
            case FLOAT64 -> ChType.of(ChKind.FLOAT64);
            case DECIMAL -> decimal(type, caps);
            case BIT -> ChType.of(bitKind(type.precision()));
            case UUID -> ChType.of(ChKind.UUID);
            case DATE, TIMESTAMP, TIMESTAMP_TZ, ARRAY -> baseChoices(type, caps).get(0);
            case DECIMAL_TEXT, STRING, BYTES, JSON, TIME, INTERVAL, ENUM, SET -> ChType.of(ChKind.STRING);
        };
    }

    private static ChType decimal(LogicalType type, ServerCapabilities caps) {
        int precision = Math.max(1, type.precision());
        if (precision <= 38 || (precision <= 76 && caps.decimal256())) {
            return ChType.decimal(precision, type.scale());
        }
        return ChType.of(ChKind.STRING); // exact text of the number; no ClickHouse decimal is wide enough
    }

    private static ChKind bitKind(int bits) {
        if (bits <= 8) {
            return ChKind.UINT8;
        }
        if (bits <= 16) {
            return ChKind.UINT16;
        }
        return bits <= 32 ? ChKind.UINT32 : ChKind.UINT64;
    }
}
