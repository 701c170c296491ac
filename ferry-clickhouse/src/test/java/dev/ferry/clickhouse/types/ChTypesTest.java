package dev.ferry.clickhouse.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.clickhouse.ServerVersion;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import org.junit.jupiter.api.Test;

/** The ClickHouse type of every logical kind, on the oldest supported server and on a modern one. */
class ChTypesTest {

    private static final ServerCapabilities OLD = ServerCapabilities.of(ServerVersion.parse("18.16.1"));
    private static final ServerCapabilities MODERN = ServerCapabilities.of(ServerVersion.parse("24.3.1"));

    private static String type(LogicalType type, ServerCapabilities caps) {
        return ChTypes.forColumn(new ColumnSpec("c", type, false, null), caps, false).sql();
    }

    private static String nullable(LogicalType type, ServerCapabilities caps) {
        return ChTypes.forColumn(new ColumnSpec("c", type, true, null), caps, false).sql();
    }

    private static LogicalType of(LogicalKind kind) {
        return LogicalType.of(kind, null);
    }

    private static void assertBoth(LogicalType type, String old, String modern) {
        assertThat(type(type, OLD)).as("%s on 18.16", type.nativeType()).isEqualTo(old);
        assertThat(type(type, MODERN)).as("%s on 24.3", type.nativeType()).isEqualTo(modern);
    }

    @Test
    void integersAndFloatsAreTheSameEverywhere() {
        assertBoth(of(LogicalKind.INT8), "Int8", "Int8");
        assertBoth(of(LogicalKind.INT16), "Int16", "Int16");
        assertBoth(of(LogicalKind.INT32), "Int32", "Int32");
        assertBoth(of(LogicalKind.INT64), "Int64", "Int64");
        assertBoth(of(LogicalKind.UINT8), "UInt8", "UInt8");
        assertBoth(of(LogicalKind.UINT16), "UInt16", "UInt16");
        assertBoth(of(LogicalKind.UINT32), "UInt32", "UInt32");
        assertBoth(of(LogicalKind.UINT64), "UInt64", "UInt64");
        assertBoth(of(LogicalKind.YEAR), "UInt16", "UInt16");
        assertBoth(of(LogicalKind.FLOAT32), "Float32", "Float32");
        assertBoth(of(LogicalKind.FLOAT64), "Float64", "Float64");
        assertBoth(new LogicalType(LogicalKind.BIT, 1, 0, null, "bit(1)"), "UInt8", "UInt8");
        assertBoth(new LogicalType(LogicalKind.BIT, 12, 0, null, "bit(12)"), "UInt16", "UInt16");
        assertBoth(new LogicalType(LogicalKind.BIT, 32, 0, null, "bit(32)"), "UInt32", "UInt32");
        assertBoth(new LogicalType(LogicalKind.BIT, 64, 0, null, "bit(64)"), "UInt64", "UInt64");
    }

    @Test
    void booleansAreBoolFrom21_12AndUInt8Before() {
        assertBoth(of(LogicalKind.BOOLEAN), "UInt8", "Bool");
        assertThat(type(of(LogicalKind.BOOLEAN), ServerCapabilities.of(ServerVersion.parse("21.11.1"))))
                .isEqualTo("UInt8");
        assertThat(type(of(LogicalKind.BOOLEAN), ServerCapabilities.of(ServerVersion.parse("21.12.1"))))
                .isEqualTo("Bool");
    }

    @Test
    void decimalsWiderThan38DigitsNeedDecimal256ElseText() {
        assertBoth(LogicalType.decimal(10, 2, "decimal(10,2)"), "Decimal(10, 2)", "Decimal(10, 2)");
        assertBoth(LogicalType.decimal(38, 0, "numeric(38,0)"), "Decimal(38, 0)", "Decimal(38, 0)");
        assertBoth(LogicalType.decimal(65, 30, "decimal(65,30)"), "String", "Decimal(65, 30)");
        assertBoth(LogicalType.decimal(76, 10, "numeric(76,10)"), "String", "Decimal(76, 10)");
        assertBoth(LogicalType.decimal(77, 0, "numeric(77,0)"), "String", "String");
        assertThat(type(LogicalType.decimal(65, 30, "decimal(65,30)"),
                ServerCapabilities.of(ServerVersion.parse("21.12.1")))).isEqualTo("String");
        assertBoth(of(LogicalKind.DECIMAL_TEXT), "String", "String");
    }

    @Test
    void timestampsWithFractionsNeedDateTime64ElseText() {
        assertBoth(of(LogicalKind.DATE), "Date", "Date");
        assertBoth(LogicalType.timestamp(LogicalKind.TIMESTAMP, 0, "datetime"), "DateTime('UTC')", "DateTime('UTC')");
        assertBoth(LogicalType.timestamp(LogicalKind.TIMESTAMP_TZ, 0, "timestamptz(0)"), "DateTime('UTC')",
                "DateTime('UTC')");
        assertBoth(LogicalType.timestamp(LogicalKind.TIMESTAMP, 3, "datetime(3)"), "String", "DateTime64(3, 'UTC')");
        assertBoth(LogicalType.timestamp(LogicalKind.TIMESTAMP_TZ, 6, "timestamptz"), "String",
                "DateTime64(6, 'UTC')");
        assertThat(type(LogicalType.timestamp(LogicalKind.TIMESTAMP, 6, "timestamp"),
                ServerCapabilities.of(ServerVersion.parse("20.1.2")))).isEqualTo("DateTime64(6, 'UTC')");
    }

    @Test
    void textLikeKindsAreStringsAndEnumsAndSetsLowCardinalityFrom19_1() {
        for (LogicalKind kind : new LogicalKind[] {LogicalKind.STRING, LogicalKind.BYTES, LogicalKind.JSON,
                LogicalKind.TIME, LogicalKind.INTERVAL}) {
            assertBoth(of(kind), "String", "String");
            assertThat(nullable(of(kind), MODERN)).isEqualTo("Nullable(String)");
        }
        assertBoth(of(LogicalKind.UUID), "UUID", "UUID");
        assertBoth(of(LogicalKind.ENUM), "String", "LowCardinality(String)");
        assertBoth(of(LogicalKind.SET), "String", "LowCardinality(String)");
        assertThat(nullable(of(LogicalKind.ENUM), OLD)).isEqualTo("Nullable(String)");
        assertThat(nullable(of(LogicalKind.ENUM), MODERN)).isEqualTo("LowCardinality(Nullable(String))");
        assertThat(type(of(LogicalKind.ENUM), ServerCapabilities.of(ServerVersion.parse("19.1.6"))))
                .isEqualTo("LowCardinality(String)");
    }

    @Test
    void arraysHaveNullableElementsButAreNeverNullableThemselves() {
        LogicalType ints = LogicalType.array(of(LogicalKind.INT32), "integer[]");
        assertBoth(ints, "Array(Nullable(Int32))", "Array(Nullable(Int32))");
        assertThat(nullable(ints, MODERN)).isEqualTo("Array(Nullable(Int32))");
        assertBoth(LogicalType.array(of(LogicalKind.BOOLEAN), "boolean[]"), "Array(Nullable(UInt8))",
                "Array(Nullable(Bool))");
        assertBoth(LogicalType.array(LogicalType.decimal(5, 2, "numeric(5,2)"), "numeric(5,2)[]"),
                "Array(Nullable(Decimal(5, 2)))", "Array(Nullable(Decimal(5, 2)))");
        assertBoth(LogicalType.array(LogicalType.timestamp(LogicalKind.TIMESTAMP_TZ, 6, "timestamptz"),
                "timestamptz[]"), "Array(Nullable(String))", "Array(Nullable(DateTime64(6, 'UTC')))");
        assertBoth(LogicalType.array(of(LogicalKind.ENUM), "mood[]"), "Array(Nullable(String))",
                "Array(Nullable(String))");
    }

    @Test
    void keyColumnsAreNeverNullable() {
        ColumnSpec key = new ColumnSpec("id", of(LogicalKind.INT64), true, null);
        assertThat(ChTypes.forColumn(key, MODERN, true).sql()).isEqualTo("Int64");
        assertThat(ChTypes.forColumn(key, MODERN, false).sql()).isEqualTo("Nullable(Int64)");
        ColumnSpec label = new ColumnSpec("label", of(LogicalKind.ENUM), true, null);
        assertThat(ChTypes.forColumn(label, MODERN, true).sql()).isEqualTo("LowCardinality(String)");
    }
}
