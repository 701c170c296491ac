package dev.ferry.clickhouse.write;

import dev.ferry.core.schema.ColumnSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The row written for a delete: the key from the event, every other column filled with a placeholder of
 * its type (a delete event may carry only the key). Readers never see it: it is flagged deleted and hidden
 * by the engine (23.2+) or by the {@code _current} view.
 */
public final class TombstoneRow {

    private TombstoneRow() {
    }

    public static Object[] fill(Object[] keyOnly, List<ColumnSpec> columns) {
        Object[] row = keyOnly.clone();
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null && !columns.get(i).nullable()) {
                row[i] = placeholder(columns.get(i));
            }
        }
        return row;
    }

    private static Object placeholder(ColumnSpec column) {
        return switch (column.type().kind()) {
            case BOOLEAN -> false;
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, BIT, YEAR -> 0L;
            case FLOAT32, FLOAT64 -> 0.0;
            case DECIMAL -> BigDecimal.ZERO;
            case BYTES -> new byte[0];
            case UUID -> new UUID(0, 0);
            case DATE -> LocalDate.EPOCH;
            case TIMESTAMP -> LocalDateTime.of(1970, 1, 1, 0, 0);
            case TIMESTAMP_TZ -> Instant.EPOCH;
            case ARRAY -> List.of();
            default -> "";
        };
    }
}
