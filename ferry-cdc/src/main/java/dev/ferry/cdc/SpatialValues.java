package dev.ferry.cdc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.kafka.connect.data.Struct;

/**
 * Debezium's spatial structs turned back into what a snapshot of the same row holds, so that CDC rows equal
 * snapshot rows value for value.
 */
final class SpatialValues {

    private SpatialValues() {
    }

    /**
     * A MySQL/MariaDB geometry ({@code io.debezium.data.geometry.Geometry}: WKB plus SRID) in the server's
     * internal form, which is what the snapshot reads: the SRID as a 4-byte little-endian integer, then the WKB.
     * Debezium reports SRID 0 as null.
     */
    static byte[] mysqlInternal(Struct geometry) {
        byte[] wkb = DebeziumValues.bytes(geometry.get("wkb"));
        Integer srid = geometry.getInt32("srid");
        return ByteBuffer.allocate(4 + wkb.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(srid == null ? 0 : srid).put(wkb).array();
    }

    /** A PostgreSQL {@code point} ({@code io.debezium.data.geometry.Point}) as PostgreSQL prints it: {@code (x,y)}. */
    static String postgresPoint(Struct point) {
        return "(" + PgFloatText.of(point.getFloat64("x")) + "," + PgFloatText.of(point.getFloat64("y")) + ")";
    }
}
