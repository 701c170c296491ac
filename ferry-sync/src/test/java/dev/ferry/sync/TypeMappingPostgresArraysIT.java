package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL arrays: one-dimensional ones become Array(Nullable(element)), a NULL array becomes [] (ClickHouse
 * has no Nullable(Array)), multi-dimensional ones keep PostgreSQL's text.
 */
@FerryIntegrationTest
class TypeMappingPostgresArraysIT extends TypeMappingIT {

    private static final String TABLE = "CREATE TABLE t (id int PRIMARY KEY, ai int[], at text[], an numeric(5,2)[], "
            + "ann numeric[], af float8[], ab boolean[], ad date[], ats timestamp(0)[], atz timestamptz[], au uuid[], "
            + "abin bytea[], am mood[], a2 int[][], t2 text[][])";
    private static final String VALUES = "'{1,NULL,3}', ARRAY['a,b', NULL, 'q\"x', 'NULL', '', 'b\\s', 'ünï'], "
            + "'{1.50,NULL,-999.99}', '{0.0000000001,NaN,1e5}', '{1e20,-0,NaN,-Infinity,1.5}', '{t,f,NULL}', "
            + "'{2024-02-29,NULL}', '{\"2024-02-29 23:59:59\"}', '{\"2024-07-01 12:00:00.5+02\"}', "
            + "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', ARRAY['\\x00ff'::bytea, NULL], '{sad,happy}', "
            + "'{{1,2},{3,NULL}}', ARRAY[ARRAY['a b', NULL], ARRAY['\"', 'c']]";

    @Test
    void arraysKeepElementsNullsAndTextExactly(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TYPE mood AS ENUM ('sad', 'happy')", TABLE,
                "INSERT INTO t VALUES (1, " + VALUES + ")",
                "INSERT INTO t (id) VALUES (2)",
                "INSERT INTO t VALUES (3, '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', "
                        + "'{}', '{}')",
                // int[] does not enforce one dimension; such a value has no Array(Nullable(Int32)) counterpart
                "INSERT INTO t (id, ai) VALUES (4, '{{1,2},{3,4}}')",
                "INSERT INTO t (id, an) VALUES (5, '{1.00,NaN}')",
                // an element before 1970 makes the date[] column text, as a date column would be
                "INSERT INTO t (id, ad) VALUES (6, '{1969-12-31}')");
        Path config = f.config("pg", "tables: [public.t]");
        sync(f, config);

        assertThat(columnTypes(f)).containsExactly(entry("id", "Int32"), entry("ai", "Array(Nullable(Int32))"),
                entry("at", "Array(Nullable(String))"), entry("an", "Array(Nullable(Decimal(5, 2)))"),
                entry("ann", "Array(Nullable(String))"), entry("af", "Array(Nullable(Float64))"),
                entry("ab", "Array(Nullable(UInt8))"), entry("ad", "Array(Nullable(String))"),
                entry("ats", "Array(Nullable(DateTime('UTC')))"), entry("atz", "Array(Nullable(String))"),
                entry("au", "Array(Nullable(UUID))"), entry("abin", "Array(Nullable(String))"),
                entry("am", "Array(Nullable(String))"), entry("a2", "Nullable(String)"),
                entry("t2", "Nullable(String)"));
        assertThat(query(f, "SELECT id, ai, at, an, ann, af, ab, ad, ats, atz, au, arrayMap(b -> hex(b), abin), am, "
                + "a2, t2 FROM t ORDER BY id")).containsExactly(
                row("1", "[1,NULL,3]", "['a,b',NULL,'q\"x','NULL','','b\\s','ünï']", "[1.50,NULL,-999.99]",
                        "['0.0000000001','NaN','100000']", "[100000000000000000000,-0,nan,-inf,1.5]", "[1,0,NULL]",
                        "['2024-02-29',NULL]", "['2024-02-29 23:59:59']", "['2024-07-01 10:00:00.500000Z']",
                        "['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']", "['00FF',NULL]", "['sad','happy']",
                        "{{1,2},{3,NULL}}", "{{\"a b\",NULL},{\"\\\"\",c}}"),
                // NULL arrays and empty arrays alike arrive as []
                row("2", "[]", "[]", "[]", "[]", "[]", "[]", "[]", "[]", "[]", "[]", "[]", "[]", null, null),
                row("3", "[]", "[]", "[]", "[]", "[]", "[]", "[]", "[]", "[]", "[]", "[]", "[]", "{}", "{}"),
                row("6", "[]", "[]", "[]", "[]", "[]", "[]", "['1969-12-31']", "[]", "[]", "[]", "[]", "[]", null, null));
        // the array's text form above escapes nothing visibly; the element itself holds one backslash
        assertThat(query(f, "SELECT at[6], length(at[6]), at[4], at[5] = '' FROM t WHERE id = 1"))
                .containsExactly(row("b\\s", "3", "NULL", "1"));
        assertThat(deadLetters(f)).extracting(l -> l.get(0), l -> l.get(1).replaceAll(" value '.*", ""))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("4", "ai: cannot read integer[]"),
                        org.assertj.core.groups.Tuple.tuple("5", "an: cannot read numeric(5,2)[]"));
        assertThat(deadLetters(f).get(0).get(1)).endsWith("multi-dimensional value in a one-dimensional array column");
        assertValidates(f, config, 2);
    }

    /**
     * After a statement has run five times pgjdbc receives numerics and int/float/text/bytea arrays in binary;
     * those values must still arrive exactly as the text-transferred ones of the first chunks.
     */
    @Test
    void binaryTransferredChunksStoreTheSameValuesAsTextOnes(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TYPE mood AS ENUM ('sad', 'happy')", TABLE,
                "ALTER TABLE t ADD COLUMN nn numeric", "ALTER TABLE t ADD COLUMN ttz timetz",
                "ALTER TABLE t ADD COLUMN pt point", "ALTER TABLE t ADD COLUMN iv interval",
                "ALTER TABLE t ADD COLUMN tm time(3)", "ALTER TABLE t ADD COLUMN mo money",
                "INSERT INTO t SELECT g, " + VALUES + ", 0.0000000001, '13:45:00+02', '(1,2)', "
                        + "'1 year 2 months 3 days 04:05:06.5', '23:59:59.125', 1234.5 FROM generate_series(1, 12) g");
        Path config = f.config("pg", "tables: [public.t]\nchunk_rows: 1\nparallelism: 1");
        SyncReport report = sync(f, config);

        assertThat(report.tables()).singleElement().satisfies(t -> assertThat(t.rows()).isEqualTo(12));
        assertThat(query(f, "SELECT uniqExact(ai, at, an, ann, af), uniqExact(ab, abin, a2, t2, nn), any(nn), any(a2), any(af) "
                + "FROM t"))
                .containsExactly(row("1", "1", "0.0000000001", "{{1,2},{3,NULL}}",
                        "[100000000000000000000,-0,nan,-inf,1.5]"));
        // text form for every chunk: timetz keeps its offset, points, intervals, times and money their spelling
        assertThat(query(f, "SELECT groupUniqArray(ttz), groupUniqArray(pt), groupUniqArray(iv), groupUniqArray(tm), "
                + "groupUniqArray(mo) FROM t")).containsExactly(row("['13:45:00+02']", "['(1,2)']",
                        "['1 year 2 mons 3 days 04:05:06.5']", "['23:59:59.125']", "['$1,234.50']"));
        assertValidates(f, config, 0);
        assertThat(deadLetters(f)).isEqualTo(List.of());
    }
}
