package dev.ferry.clickhouse.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.clickhouse.ServerCapabilities;
import dev.ferry.clickhouse.ServerVersion;
import dev.ferry.core.schema.BadValueException;
import dev.ferry.core.schema.ColumnSpec;
import dev.ferry.core.schema.LogicalKind;
import dev.ferry.core.schema.LogicalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RowBinary bytes as ClickHouse expects them, and the reader that splits the server's rows. */
class RowBinaryEncoderTest {

    private static final ServerCapabilities OLD = ServerCapabilities.of(ServerVersion.parse("18.16.1"));
    private static final ServerCapabilities V21_9 = ServerCapabilities.of(ServerVersion.parse("21.9.2"));
    private static final ServerCapabilities V22_3 = ServerCapabilities.of(ServerVersion.parse("22.3.6"));
    private static final ServerCapabilities MODERN = ServerCapabilities.of(ServerVersion.parse("24.3.1"));

    private static String hex(ChType type, Object value) {
        ByteSink out = new ByteSink(16);
        RowBinaryEncoder.write(out, type, value);
        return HexFormat.of().formatHex(out.toByteArray());
    }

    @Test
    void decimalsAreLittleEndianTwosComplementOfTheirWidth() {
        assertThat(hex(ChType.decimal(9, 2), new BigDecimal("-1.50"))).isEqualTo("6affffff");
        assertThat(hex(ChType.decimal(18, 4), new BigDecimal("1.0000"))).isEqualTo("1027000000000000");
        // Decimal128: -150 sign-extended over 16 bytes
        assertThat(hex(ChType.decimal(20, 2), new BigDecimal("-1.50"))).isEqualTo("6a" + "ff".repeat(15));
        // beyond a long: -2^64 has zero low bytes and a sign-extended high half
        BigDecimal minus2pow64 = new BigDecimal(BigInteger.ONE.shiftLeft(64).negate());
        assertThat(hex(ChType.decimal(38, 0), minus2pow64)).isEqualTo("00".repeat(8) + "ff".repeat(8));
        // Decimal256: 32 bytes
        assertThat(hex(ChType.decimal(65, 30), new BigDecimal("-0.000000000000000000000000000001")))
                .isEqualTo("ff".repeat(32));
        assertThat(hex(ChType.decimal(65, 30), new BigDecimal("1.000000000000000000000000000000")))
                .isEqualTo(littleEndian(BigInteger.TEN.pow(30), 32));
    }

    @Test
    void uuidIsTwoLittleEndianHalvesHighFirst() {
        UUID uuid = UUID.fromString("61f0c404-5cb3-11e7-907b-a6006ad3dba0");
        assertThat(hex(ChType.of(ChKind.UUID), uuid)).isEqualTo("e711b35c04c4f061" + "a0dbd36a00a67b90");
    }

    @Test
    void stringLengthsAreVarintsAndBytesAreWrittenRaw() {
        assertThat(hex(ChType.of(ChKind.STRING), "")).isEqualTo("00");
        assertThat(hex(ChType.of(ChKind.STRING), "a".repeat(127))).startsWith("7f61").hasSize(2 + 127 * 2);
        assertThat(hex(ChType.of(ChKind.STRING), "a".repeat(128))).startsWith("800161").hasSize(4 + 128 * 2);
        assertThat(hex(ChType.of(ChKind.STRING), "a".repeat(300))).startsWith("ac0261").hasSize(4 + 300 * 2);
        assertThat(hex(ChType.of(ChKind.STRING), "ü🚢")).isEqualTo("06c3bcf09f9aa2");
        assertThat(hex(ChType.of(ChKind.STRING), new byte[] {0x00, (byte) 0xff, (byte) 0x80})).isEqualTo("0300ff80");
    }

    @Test
    void nullableValuesCarryAFlagByte() {
        ChType nullableInt = ChType.of(ChKind.INT32).asNullable();
        assertThat(hex(nullableInt, null)).isEqualTo("01");
        assertThat(hex(nullableInt, -2L)).isEqualTo("00feffffff");
        assertThat(hex(ChType.of(ChKind.STRING).asNullable().asLowCardinality(), "ab")).isEqualTo("00026162");
        assertThat(hex(ChType.array(ChType.of(ChKind.INT32).asNullable()), Arrays.asList(1L, null)))
                .isEqualTo("02" + "0001000000" + "01");
    }

    @Test
    void unsignedFloatsDatesAndTimes() {
        assertThat(hex(ChType.of(ChKind.UINT64), -1L)).isEqualTo("ff".repeat(8));
        assertThat(hex(ChType.of(ChKind.UINT8), 255L)).isEqualTo("ff");
        assertThat(hex(ChType.of(ChKind.FLOAT32), 1.5)).isEqualTo("0000c03f");
        assertThat(hex(ChType.of(ChKind.FLOAT64), Double.NaN)).isEqualTo("000000000000f87f");
        assertThat(hex(ChType.of(ChKind.BOOL), true)).isEqualTo("01");
        assertThat(hex(ChType.of(ChKind.DATE), LocalDate.of(2024, 2, 29))).isEqualTo("464d");
        assertThat(hex(ChType.dateTime("UTC"), 1_709_251_199L)).isEqualTo("7f1ae165");
    }

    @Test
    void convertersScaleTimestampsAndRefuseWhatTheTypeCannotHold() throws BadValueException {
        ColumnSpec column = new ColumnSpec("at", LogicalType.timestamp(LogicalKind.TIMESTAMP_TZ, 3, "timestamptz(3)"),
                false, null);
        ValueConverter millis = ValueConverters.forColumn(column, ChType.dateTime64(3, "UTC"), V22_3);
        assertThat(millis.convert(Instant.parse("2024-01-01T00:00:00.123Z"))).isEqualTo(1_704_067_200_123L);
        assertThat(millis.convert(Instant.parse("1960-01-01T00:00:00Z"))).isEqualTo(-315_619_200_000L);
        assertThatThrownBy(() -> millis.convert(Instant.parse("2024-01-01T00:00:00.1234Z")))
                .isInstanceOf(BadValueException.class).hasMessageStartingWith("at: ")
                .hasMessageContaining("more than 3 fractional digits");
        assertThatThrownBy(() -> millis.convert(Instant.parse("1900-01-01T00:00:00Z")))
                .isInstanceOf(BadValueException.class).hasMessage("at: timestamp 1900-01-01T00:00:00Z is outside "
                        + "ClickHouse DateTime64's range 1925-01-01 00:00:00..2283-11-11 23:59:59 UTC");

        ColumnSpec amount = new ColumnSpec("amount", LogicalType.decimal(5, 2, "numeric(5,2)"), true, null);
        ValueConverter decimal = ValueConverters.forColumn(amount, ChType.decimal(5, 2).asNullable(), OLD);
        assertThat(decimal.convert(new BigDecimal("1.5"))).isEqualTo(new BigDecimal("1.50"));
        assertThat(decimal.convert(null)).isNull();
        assertThatThrownBy(() -> decimal.convert(new BigDecimal("1.234"))).hasMessageContaining("decimal places");
        assertThatThrownBy(() -> decimal.convert(new BigDecimal("1000"))).hasMessageContaining("does not fit");

        ColumnSpec day = new ColumnSpec("day", LogicalType.of(LogicalKind.DATE, "date"), false, null);
        ValueConverter date = ValueConverters.forColumn(day, ChType.of(ChKind.DATE), OLD);
        assertThat(date.convert(LocalDate.of(2106, 2, 7))).isEqualTo(LocalDate.of(2106, 2, 7));
        assertThatThrownBy(() -> date.convert(LocalDate.of(2106, 2, 8))).hasMessageStartingWith("day: date 2106-02-08");
        assertThatThrownBy(() -> date.convert(null)).hasMessageContaining("NOT NULL");
        assertThatThrownBy(() -> date.convert(LocalDate.MAX))
                .hasMessage("day: PostgreSQL 'infinity' is outside ClickHouse Date's range 1970-01-01..2106-02-07");
    }

    /** DateTime64 holds what DateTime holds before 21.4, from 1925 until 22.7 and from 1900 since 22.8. */
    @Test
    void dateTime64RangesFollowTheServerVersion() throws BadValueException {
        ColumnSpec column = new ColumnSpec("at", LogicalType.timestamp(LogicalKind.TIMESTAMP, 6, "datetime(6)"),
                false, null);
        ChType micros = ChType.dateTime64(6, "UTC");
        LocalDateTime first1900 = LocalDateTime.of(1900, 1, 1, 0, 0);
        LocalDateTime last2299 = LocalDateTime.of(2299, 12, 31, 23, 59, 59, 999_999_000);
        ValueConverter modern = ValueConverters.forColumn(column, micros, MODERN);
        assertThat(modern.convert(first1900)).isEqualTo(-2_208_988_800_000_000L);
        assertThat(modern.convert(last2299)).isEqualTo(10_413_791_999_999_999L);
        assertThatThrownBy(() -> modern.convert(last2299.plusNanos(1_000))).hasMessage("at: timestamp "
                + "2300-01-01T00:00:00Z is outside ClickHouse DateTime64's range 1900-01-01 00:00:00..2299-12-31 "
                + "23:59:59 UTC");
        assertThatThrownBy(() -> modern.convert(LocalDateTime.MIN)).hasMessageStartingWith("at: PostgreSQL '-infinity'");
        ValueConverter v22 = ValueConverters.forColumn(column, micros, V22_3);
        assertThatThrownBy(() -> v22.convert(first1900)).hasMessageContaining("1925-01-01 00:00:00..2283-11-11");
        assertThat(v22.convert(LocalDateTime.of(2283, 11, 11, 23, 59, 59))).isEqualTo(9_904_550_399_000_000L);
        ValueConverter v20 = ValueConverters.forColumn(column, micros, ServerCapabilities.of(ServerVersion.parse("20.3.1")));
        assertThatThrownBy(() -> v20.convert(LocalDateTime.of(1969, 12, 31, 23, 59, 59)))
                .hasMessageContaining("1970-01-01 00:00:00..2106-02-06 23:59:59 UTC");
    }

    @Test
    void date32IsDaysSinceTheEpochAsSignedInt() throws BadValueException {
        ColumnSpec birth = new ColumnSpec("birth_date", LogicalType.of(LogicalKind.DATE, "date"), true, null);
        ChType date32 = ChType.of(ChKind.DATE32).asNullable();
        ValueConverter converter = ValueConverters.forColumn(birth, date32, MODERN);
        // the employees sample's first birth date
        Object days = converter.convert(LocalDate.of(1953, 9, 2));
        assertThat(days).isEqualTo(-5965L);
        assertThat(hex(date32, days)).isEqualTo("00" + "b3e8ffff");
        assertThat(converter.convert(LocalDate.of(1900, 1, 1))).isEqualTo(-25_567L);
        assertThat(converter.convert(LocalDate.of(2299, 12, 31))).isEqualTo(120_529L);
        assertThat(converter.convert(null)).isNull();
        assertThatThrownBy(() -> converter.convert(LocalDate.of(9999, 1, 1))).hasMessage("birth_date: date 9999-01-01 "
                + "is outside ClickHouse Date32's range 1900-01-01..2299-12-31");
        assertThatThrownBy(() -> ValueConverters.forColumn(birth, date32, V21_9).convert(LocalDate.of(1924, 12, 31)))
                .hasMessageContaining("Date32's range 1925-01-01..2283-11-11");
    }

    /** Text fallbacks keep every value, BC dates and infinities included, sortable for years 0000..9999. */
    @Test
    void textFallbacksKeepEveryDateAndTime() throws BadValueException {
        ColumnSpec date = new ColumnSpec("d", LogicalType.of(LogicalKind.DATE, "date"), true, null);
        ValueConverter dates = ValueConverters.forColumn(date, ChType.of(ChKind.STRING).asNullable(), OLD);
        assertThat(dates.convert(LocalDate.of(1953, 9, 2))).isEqualTo("1953-09-02");
        assertThat(dates.convert(LocalDate.of(9999, 12, 31))).isEqualTo("9999-12-31");
        assertThat(dates.convert(LocalDate.of(-43, 3, 15))).isEqualTo("-0043-03-15");
        assertThat(dates.convert(LocalDate.of(0, 1, 1))).isEqualTo("0000-01-01");
        assertThat(dates.convert(LocalDate.of(10_000, 1, 1))).isEqualTo("+10000-01-01");
        assertThat(dates.convert(LocalDate.MAX)).isEqualTo("infinity");
        assertThat(dates.convert(LocalDate.MIN)).isEqualTo("-infinity");

        ColumnSpec seconds = new ColumnSpec("ts", LogicalType.timestamp(LogicalKind.TIMESTAMP, 0, "datetime"), false,
                null);
        ValueConverter wholeSeconds = ValueConverters.forColumn(seconds, ChType.of(ChKind.STRING), OLD);
        assertThat(wholeSeconds.convert(LocalDateTime.of(1947, 9, 19, 0, 0))).isEqualTo("1947-09-19 00:00:00");
        assertThat(wholeSeconds.convert(LocalDateTime.MAX)).isEqualTo("infinity");

        ColumnSpec instants = new ColumnSpec("tz", LogicalType.timestamp(LogicalKind.TIMESTAMP_TZ, 6, "timestamptz"),
                false, null);
        ValueConverter zoned = ValueConverters.forColumn(instants, ChType.of(ChKind.STRING), OLD);
        assertThat(zoned.convert(LocalDateTime.of(-4713, 12, 31, 23, 59, 59, 999_999_000).toInstant(ZoneOffset.UTC)))
                .isEqualTo("-4713-12-31 23:59:59.999999Z");
        assertThat(zoned.convert(Instant.MIN)).isEqualTo("-infinity");

        ColumnSpec array = new ColumnSpec("ds", LogicalType.array(LogicalType.of(LogicalKind.DATE, "date"), "date[]"),
                true, null);
        ValueConverter elements = ValueConverters.forColumn(array, ChType.array(ChType.of(ChKind.STRING).asNullable()),
                OLD);
        assertThat(elements.convert(Arrays.asList(LocalDate.of(1953, 9, 2), null, LocalDate.MAX)))
                .isEqualTo(Arrays.asList("1953-09-02", null, "infinity"));
    }

    @Test
    void theReaderSplitsRowsIntoTheSameBytesAndDecodesKeys() throws Exception {
        List<ChType> types = List.of(ChType.of(ChKind.UINT64), ChType.of(ChKind.STRING).asNullable(),
                ChType.decimal(20, 2), ChType.of(ChKind.UUID), ChType.array(ChType.of(ChKind.STRING).asNullable()),
                ChType.of(ChKind.DATE));
        UUID uuid = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        List<Object> values = Arrays.asList(-1L, null, new BigDecimal("-1.50"), uuid,
                Arrays.asList("x".repeat(200), null), LocalDate.of(2024, 2, 29));
        ByteSink stream = new ByteSink(64);
        for (int row = 0; row < 2; row++) {
            for (int c = 0; c < types.size(); c++) {
                RowBinaryEncoder.write(stream, types.get(c), values.get(c));
            }
        }
        byte[] all = stream.toByteArray();
        RowBinaryRowReader reader = new RowBinaryRowReader(stream.asInputStream(), types);
        ByteSink row = new ByteSink(64);
        int[] starts = new int[types.size() + 1];
        assertThat(reader.next(row, starts)).isTrue();
        byte[] first = row.toByteArray();
        assertThat(first).hasSize(all.length / 2).isEqualTo(Arrays.copyOf(all, all.length / 2));
        assertThat(RowBinaryRowReader.decodeText(types.get(0), first, starts[0], starts[1]))
                .isEqualTo("18446744073709551615");
        assertThat(RowBinaryRowReader.decodeText(types.get(1), first, starts[1], starts[2])).isEqualTo("NULL");
        assertThat(RowBinaryRowReader.decodeText(types.get(2), first, starts[2], starts[3])).isEqualTo("-1.50");
        assertThat(RowBinaryRowReader.decodeText(types.get(3), first, starts[3], starts[4])).isEqualTo(uuid.toString());
        assertThat(RowBinaryRowReader.decodeText(types.get(5), first, starts[5], starts[6])).isEqualTo("2024-02-29");
        assertThat(reader.next(row, starts)).isTrue();
        assertThat(row.toByteArray()).isEqualTo(first);
        assertThat(reader.next(row, starts)).isFalse();
        // array length 2, not-null flag, varint 200 (two bytes), then the text
        assertThat(new String(first, starts[4] + 4, 200, StandardCharsets.UTF_8)).isEqualTo("x".repeat(200));
    }

    @Test
    void keysOfEveryTemporalTypeDecodeToText() {
        ChType micros = ChType.dateTime64(6, "UTC");
        for (long ticks : new long[] {1_704_067_200_123_456L, -1L}) {
            ByteSink out = new ByteSink(8);
            RowBinaryEncoder.write(out, micros, ticks);
            byte[] bytes = out.toByteArray();
            assertThat(RowBinaryRowReader.decodeText(micros, bytes, 0, bytes.length))
                    .isEqualTo(ticks > 0 ? "2024-01-01T00:00:00.123456Z" : "1969-12-31T23:59:59.999999Z");
        }
        ByteSink out = new ByteSink(4);
        RowBinaryEncoder.write(out, ChType.of(ChKind.DATE32), -1L);
        assertThat(RowBinaryRowReader.decodeText(ChType.of(ChKind.DATE32), out.toByteArray(), 0, 4))
                .isEqualTo("1969-12-31");
    }

    /** What validation reads back from a modern server: Date32, DateTime64 and arrays of them, split row by row. */
    @Test
    void date32AndDateTime64RowsRoundTripThroughTheReader() throws Exception {
        ColumnSpec birth = new ColumnSpec("birth_date", LogicalType.of(LogicalKind.DATE, "date"), true, null);
        ColumnSpec at = new ColumnSpec("at", LogicalType.timestamp(LogicalKind.TIMESTAMP, 0, "datetime"), false, null);
        ColumnSpec days = new ColumnSpec("days", LogicalType.array(LogicalType.of(LogicalKind.DATE, "date"), "date[]"),
                true, null);
        List<ChType> types = List.of(ChType.of(ChKind.DATE32).asNullable(), ChType.dateTime64(0, "UTC"),
                ChType.array(ChType.of(ChKind.DATE32).asNullable()));
        RowEncoder encoder = new RowEncoder(List.of("birth_date", "at", "days"), types, List.of(
                ValueConverters.forColumn(birth, types.get(0), MODERN), ValueConverters.forColumn(at, types.get(1), MODERN),
                ValueConverters.forColumn(days, types.get(2), MODERN)));
        ByteSink stream = new ByteSink(64);
        encoder.encode(new Object[] {LocalDate.of(1947, 9, 19), LocalDateTime.of(1900, 1, 1, 0, 0),
                Arrays.asList(LocalDate.of(1953, 9, 2), null)}, stream);
        encoder.encode(new Object[] {null, LocalDateTime.of(2299, 12, 31, 23, 59, 59), List.of()}, stream);
        byte[] all = stream.toByteArray();

        RowBinaryRowReader reader = new RowBinaryRowReader(stream.asInputStream(), types);
        ByteSink row = new ByteSink(64);
        int[] starts = new int[types.size() + 1];
        ByteSink both = new ByteSink(64);
        assertThat(reader.next(row, starts)).isTrue();
        assertThat(RowBinaryRowReader.decodeText(types.get(0), row.toByteArray(), starts[0], starts[1]))
                .isEqualTo("1947-09-19");
        assertThat(RowBinaryRowReader.decodeText(types.get(1), row.toByteArray(), starts[1], starts[2]))
                .isEqualTo("1900-01-01T00:00:00Z");
        both.write(row.toByteArray(), 0, row.size());
        assertThat(reader.next(row, starts)).isTrue();
        assertThat(RowBinaryRowReader.decodeText(types.get(0), row.toByteArray(), starts[0], starts[1]))
                .isEqualTo("NULL");
        both.write(row.toByteArray(), 0, row.size());
        assertThat(reader.next(row, starts)).isFalse();
        assertThat(both.toByteArray()).isEqualTo(all);
    }

    private static String littleEndian(BigInteger value, int width) {
        byte[] bigEndian = value.toByteArray();
        byte[] out = new byte[width];
        for (int i = 0; i < width; i++) {
            int from = bigEndian.length - 1 - i;
            out[i] = from >= 0 ? bigEndian[from] : (byte) (value.signum() < 0 ? 0xff : 0);
        }
        return HexFormat.of().formatHex(out);
    }
}
