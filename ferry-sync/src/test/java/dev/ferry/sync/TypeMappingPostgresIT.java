package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** PostgreSQL numbers, text, bytes, JSON, UUID, enums and other scalar types (docs/type-mapping.md). */
@FerryIntegrationTest
class TypeMappingPostgresIT extends TypeMappingIT {

    @Test
    void numbersKeepEveryDigitAndNaNGoesWhereItFits(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE DOMAIN positive AS int CHECK (VALUE > 0)",
                "CREATE TABLE t (id int PRIMARY KEY, i2 smallint, i4 integer, i8 bigint, o oid, dom positive, "
                        + "n numeric(10,2), nw numeric(50,10), nn numeric, nx numeric(2,3), r real, d double precision, "
                        + "b boolean, req bigint NOT NULL)",
                "INSERT INTO t VALUES "
                        + "(1, -32768, -2147483648, -9223372036854775808, 0, 1, -99999999.99, "
                        + "'-1234567890123456789012345678901234567890.1234567891', 'NaN', -0.099, 'NaN', '-Infinity', "
                        + "false, 0),"
                        + "(2, 32767, 2147483647, 9223372036854775807, 4294967295, 2147483647, 99999999.99, "
                        + "0.0000000001, 0.0000000001, 0.012, 'Infinity', 'NaN', true, -1),"
                        + "(3, 0, 42, 42, 42, 42, 12.3, 1.5, 1e5, 0.001, 1.1, 0.1, true, 1),"
                        + "(4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 2),"
                        // NaN is a valid numeric but no ClickHouse Decimal: the row is a dead letter
                        + "(5, 1, 1, 1, 1, 1, 'NaN', 1, 1, 0.001, 1, 1, true, 3)");
        Path config = f.config("pg", "tables: [public.t]");
        SyncReport report = sync(f, config);

        assertThat(report.tables()).singleElement().satisfies(t -> {
            assertThat(t.rows()).isEqualTo(4);
            assertThat(t.deadLetters()).isEqualTo(1);
        });
        assertThat(columnTypes(f)).containsExactly(entry("id", "Int32"), entry("i2", "Nullable(Int16)"),
                entry("i4", "Nullable(Int32)"), entry("i8", "Nullable(Int64)"), entry("o", "Nullable(UInt32)"),
                entry("dom", "Nullable(Int32)"), entry("n", "Nullable(Decimal(10, 2))"),
                entry("nw", "Nullable(String)"), entry("nn", "Nullable(String)"), entry("nx", "Nullable(String)"),
                entry("r", "Nullable(Float32)"), entry("d", "Nullable(Float64)"), entry("b", "Nullable(UInt8)"),
                entry("req", "Int64"));
        assertThat(query(f, "SELECT * FROM t ORDER BY id")).extracting(r -> r.subList(0, 14)).containsExactly(
                row("1", "-32768", "-2147483648", "-9223372036854775808", "0", "1", "-99999999.99",
                        "-1234567890123456789012345678901234567890.1234567891", "NaN", "-0.099", "nan", "-inf", "0",
                        "0"),
                row("2", "32767", "2147483647", "9223372036854775807", "4294967295", "2147483647", "99999999.99",
                        "0.0000000001", "0.0000000001", "0.012", "inf", "nan", "1", "-1"),
                row("3", "0", "42", "42", "42", "42", "12.30", "1.5000000000", "100000", "0.001", "1.1", "0.1", "1",
                        "1"),
                row("4", null, null, null, null, null, null, null, null, null, null, null, null, "2"));
        assertThat(deadLetters(f)).singleElement().satisfies(letter -> {
            assertThat(letter.get(0)).isEqualTo("5");
            assertThat(letter.get(1)).startsWith("n: cannot read numeric(10,2) value 'NaN'");
        });
        assertValidates(f, config, 1);
    }

    @Test
    void textBytesJsonUuidEnumsAndOtherTypesKeepTheirExactText(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE TABLE t (id int PRIMARY KEY, tx text, vc varchar(10), ch char(5), bin bytea, js json, "
                        + "jb jsonb, u uuid, m mood, ip inet, mo money, bits bit varying(8), pt point, "
                        + "label text NOT NULL)",
                "INSERT INTO t VALUES "
                        + "(1, E'tab\\there\\nnew line \\\\ back ''q'' 🚢', 'ünï', 'ab', '\\x00ff80fe', "
                        + "'{\"b\": 1,  \"a\": [1,2]}', '{\"b\": 1,  \"a\": [1,2]}', "
                        + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'happy', '192.168.0.1/24', -1234.56, B'101', "
                        + "'(1.5,-2)', ''),"
                        + "(2, '', '', '', '', 'null', '[]', '00000000-0000-0000-0000-000000000000', 'sad', '::1', 0, "
                        + "B'', '(0,0)', 'NULL'),"
                        + "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'x')");
        Path config = f.config("pg", "tables: [public.t]");
        sync(f, config);

        assertThat(columnTypes(f)).containsExactly(entry("id", "Int32"), entry("tx", "Nullable(String)"),
                entry("vc", "Nullable(String)"), entry("ch", "Nullable(String)"), entry("bin", "Nullable(String)"),
                entry("js", "Nullable(String)"), entry("jb", "Nullable(String)"), entry("u", "Nullable(UUID)"),
                entry("m", "Nullable(String)"), entry("ip", "Nullable(String)"), entry("mo", "Nullable(String)"),
                entry("bits", "Nullable(String)"), entry("pt", "Nullable(String)"), entry("label", "String"));
        assertThat(query(f, "SELECT id, tx, vc, ch, hex(bin), length(bin), js, jb, u, m, ip, mo, bits, pt, label "
                + "FROM t ORDER BY id")).containsExactly(
                row("1", "tab\there\nnew line \\ back 'q' 🚢", "ünï", "ab   ", "00FF80FE", "4",
                        "{\"b\": 1,  \"a\": [1,2]}", "{\"a\": [1, 2], \"b\": 1}",
                        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "happy", "192.168.0.1/24", "-$1,234.56", "101",
                        "(1.5,-2)", ""),
                row("2", "", "", "     ", "", "0", "null", "[]", "00000000-0000-0000-0000-000000000000", "sad", "::1",
                        "$0.00", "", "(0,0)", "NULL"),
                row("3", null, null, null, null, null, null, null, null, null, null, null, null, null, "x"));
        assertThat(deadLetters(f)).isEmpty();
        assertValidates(f, config, 0);
    }
}
