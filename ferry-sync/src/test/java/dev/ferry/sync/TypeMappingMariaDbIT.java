package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** MariaDB numbers, bits, text, bytes, enums, sets, JSON and other non-temporal types (docs/type-mapping.md). */
@FerryIntegrationTest
class TypeMappingMariaDbIT extends TypeMappingIT {

    @Test
    void integersSignedAndUnsignedDecimalsFloatsAndBits(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.mariadb("CREATE TABLE t (id int PRIMARY KEY, ti tinyint, tu tinyint unsigned, tb tinyint(1), si smallint, "
                        + "su smallint unsigned, mi mediumint, mu mediumint unsigned, i int, iu int unsigned, bi bigint, "
                        + "bu bigint unsigned, dw decimal(65,30), d2 decimal(10,2), fl float, db double, b1 bit(1), "
                        + "b12 bit(12), b64 bit(64), req bigint unsigned NOT NULL)",
                "INSERT INTO t VALUES "
                        + "(1, -128, 0, -128, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0, "
                        + "'-99999999999999999999999999999999999.999999999999999999999999999999', -99999999.99, "
                        + "-3.40282e38, -1.7976931348623157e308, b'0', b'0', b'0', 0),"
                        + "(2, 127, 255, 127, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, "
                        + "9223372036854775807, 18446744073709551615, "
                        + "'99999999999999999999999999999999999.999999999999999999999999999999', 99999999.99, "
                        + "1.1, 2.2250738585072014e-308, b'1', b'111111111111', "
                        + "b'1111111111111111111111111111111111111111111111111111111111111111', 18446744073709551615),"
                        // tinyint(1) is MySQL's BOOLEAN, but it holds any tinyint: it stays a number
                        + "(3, 0, 1, 5, 0, 1, 0, 1, 0, 1, 0, 9223372036854775808, "
                        + "'0.000000000000000000000000000001', 0.10, 0, 0.1, b'1', b'100000000001', "
                        + "b'1000000000000000000000000000000000000000000000000000000000000000', 1),"
                        + "(4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                        + "NULL, NULL, NULL, 2)");
        Path config = f.config("my", "tables: [t]");
        sync(f, config);

        assertThat(columnTypes(f)).containsExactly(entry("id", "Int32"), entry("ti", "Nullable(Int8)"),
                entry("tu", "Nullable(UInt8)"), entry("tb", "Nullable(Int8)"), entry("si", "Nullable(Int16)"),
                entry("su", "Nullable(UInt16)"), entry("mi", "Nullable(Int32)"), entry("mu", "Nullable(UInt32)"),
                entry("i", "Nullable(Int32)"), entry("iu", "Nullable(UInt32)"), entry("bi", "Nullable(Int64)"),
                entry("bu", "Nullable(UInt64)"), entry("dw", "Nullable(String)"), entry("d2", "Nullable(Decimal(10, 2))"),
                entry("fl", "Nullable(Float32)"), entry("db", "Nullable(Float64)"), entry("b1", "Nullable(UInt8)"),
                entry("b12", "Nullable(UInt16)"), entry("b64", "Nullable(UInt64)"), entry("req", "UInt64"));
        assertThat(query(f, "SELECT * FROM t ORDER BY id")).extracting(r -> r.subList(0, 20)).containsExactly(
                row("1", "-128", "0", "-128", "-32768", "0", "-8388608", "0", "-2147483648", "0",
                        "-9223372036854775808", "0",
                        "-99999999999999999999999999999999999.999999999999999999999999999999", "-99999999.99",
                        "-3.40282e38", "-1.7976931348623157e308", "0", "0", "0", "0"),
                row("2", "127", "255", "127", "32767", "65535", "8388607", "16777215", "2147483647", "4294967295",
                        "9223372036854775807", "18446744073709551615",
                        "99999999999999999999999999999999999.999999999999999999999999999999", "99999999.99", "1.1",
                        "2.2250738585072014e-308", "1", "4095", "18446744073709551615", "18446744073709551615"),
                row("3", "0", "1", "5", "0", "1", "0", "1", "0", "1", "0", "9223372036854775808",
                        "0.000000000000000000000000000001", "0.10", "0", "0.1", "1", "2049", "9223372036854775808",
                        "1"),
                row("4", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, "2"));
        assertThat(deadLetters(f)).isEmpty();
        assertValidates(f, config, 0);
    }

    @Test
    void textBytesEnumsSetsJsonAndUuidsKeepTheirExactValue(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.mariadb("CREATE TABLE t (id int PRIMARY KEY, e enum('a','b c'), st set('x','y','z'), js json, c char(5), "
                        + "vc varchar(20), tx text, bl blob, vb varbinary(10), bn binary(4), u uuid, i4 inet4, i6 inet6, "
                        + "pt point, label varchar(5) NOT NULL)",
                // non-strict mode stores an unknown enum label as '' (index 0)
                "SET SESSION sql_mode = ''",
                "INSERT INTO t VALUES "
                        + "(1, 'b c', 'x,z', '{\"a\": [1, 2], \"s\": \"🚢\"}', 'ab', '🚢 ünï', "
                        + "'tab\\there\\nnew line \\\\ back', x'00ff80fe', x'c328', x'01', "
                        + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '10.0.0.1', '::1', POINT(1.5, -2), ''),"
                        + "(2, 'nope', '', '[]', '', '', '', '', '', '', '00000000-0000-0000-0000-000000000000', "
                        + "'0.0.0.0', '::', POINT(0, 0), 'NULL'),"
                        + "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'x')");
        Path config = f.config("my", "tables: [t]");
        sync(f, config);

        assertThat(columnTypes(f)).containsExactly(entry("id", "Int32"), entry("e", "Nullable(String)"),
                entry("st", "Nullable(String)"), entry("js", "Nullable(String)"), entry("c", "Nullable(String)"),
                entry("vc", "Nullable(String)"), entry("tx", "Nullable(String)"), entry("bl", "Nullable(String)"),
                entry("vb", "Nullable(String)"), entry("bn", "Nullable(String)"), entry("u", "Nullable(UUID)"),
                entry("i4", "Nullable(String)"), entry("i6", "Nullable(String)"), entry("pt", "Nullable(String)"),
                entry("label", "String"));
        assertThat(query(f, "SELECT id, e, st, js, c, vc, tx, hex(bl), hex(vb), hex(bn), u, i4, i6, hex(pt), label "
                + "FROM t ORDER BY id")).containsExactly(
                row("1", "b c", "x,z", "{\"a\": [1, 2], \"s\": \"🚢\"}", "ab", "🚢 ünï", "tab\there\nnew line \\ back",
                        "00FF80FE", "C328", "01000000", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "10.0.0.1", "::1",
                        // WKB with MariaDB's 4-byte SRID prefix, exactly as the server stores it
                        "000000000101000000000000000000F83F00000000000000C0", ""),
                row("2", "", "", "[]", "", "", "", "", "", "00000000", "00000000-0000-0000-0000-000000000000",
                        "0.0.0.0", "::", "00000000010100000000000000000000000000000000000000", "NULL"),
                row("3", null, null, null, null, null, null, null, null, null, null, null, null, null, "x"));
        assertThat(deadLetters(f)).isEmpty();
        assertValidates(f, config, 0);
    }

    @Test
    void floatsArriveWithEveryDigitTheServerStores(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.mariadb("CREATE TABLE fl (id int PRIMARY KEY, f float, f2 float NOT NULL)",
                "INSERT INTO fl VALUES (1, 3.1415927, 16777215), (2, 0.1, -1.17549435e-38), (3, NULL, 123456.789)");
        Path config = f.config("my", "tables: [fl]");
        sync(f, config);
        // the stored float32 must equal the source's float32 bit for bit, not its 6-digit text
        assertThat(query(f, "SELECT id, f = toFloat32(3.1415927), f2 = toFloat32(16777215) FROM fl WHERE id = 1"))
                .containsExactly(row("1", "1", "1"));
        assertThat(query(f, "SELECT f = toFloat32(0.1), f2 = toFloat32(-1.17549435e-38) FROM fl WHERE id = 2"))
                .containsExactly(row("1", "1"));
        assertThat(query(f, "SELECT isNull(f), f2 = toFloat32(123456.789) FROM fl WHERE id = 3"))
                .containsExactly(row("1", "1"));
        assertValidates(f, config, 0);
    }
}
