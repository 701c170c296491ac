package dev.ferry.sync;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.validate.Validator;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FerryIntegrationTest
class TypeMappingProbeIT {

    @TempDir
    Path dir;

    @Test
    void probePg(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TYPE mood AS ENUM ('sad', 'happy')",
                "CREATE TABLE t (id int PRIMARY KEY, i2 smallint, i4 int, i8 bigint, n numeric(12,3), nn numeric, nw numeric(50,10), r real, d double precision,"
                + " b boolean, tx text, vc varchar(10), ch char(5), by bytea, js json, jb jsonb, u uuid, dt date, ts0 timestamp(0), ts timestamp,"
                + " tz0 timestamptz(0), tz timestamptz, iv interval, tm time, tmz timetz, m mood, ai int[], at text[], an numeric(5,2)[], a2 int[][], ip inet, mo money,"
                + " ann numeric[], ats timestamptz[], att timestamp[], ad date[], ab bool[], aby bytea[], aj jsonb[], au uuid[], am mood[], bits bit(4), ts3 timestamp(3))",
                "INSERT INTO t VALUES (1, -32768, -2147483648, -9223372036854775808, -123456789.123, 'NaN', 12345678901234567890123456789012345678.1234567891, 'NaN', '-Infinity',"
                + " true, 'tab\there\nnl \\ back', 'ünï', 'ab', '\\x00ff80fe'::bytea, '{\"b\": 1,  \"a\": [1,2]}', '{\"b\": 1,  \"a\": [1,2]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
                + " '1970-01-01', '2024-02-29 23:59:59', '2024-02-29 23:59:59.123456', '2024-02-29 23:59:59+02', '2024-02-29 23:59:59.5+02', '1 year 2 mons 3 days 04:05:06.5', '13:45:00.25', '13:45:00+02', 'happy',"
                + " '{1,NULL,3}', '{\"a,b\",NULL,\"\\\"q\\\"\",\"NULL\"}', '{1.50,NULL,-999.99}', '{{1,2},{3,4}}', '192.168.0.1/24', '-1234.56',"
                + " '{0.0000000001,NaN,1e5}', '{\"2024-01-01 00:00:00+05\"}', '{\"2024-01-01 00:00:00.5\"}', '{2024-01-01}', '{t,f,NULL}', '{\"\\\\x00ff\"}', '{\"{\\\"a\\\": 1}\"}', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', '{sad,happy}', B'1010', '2024-01-01 00:00:00.123')",
                "INSERT INTO t (id) VALUES (2)");
        Path config = f.config("pg", "tables: [public.t]");
        System.out.println("REPORT " + f.sync(config, SyncOptions.DEFAULT));
        try (ClickHouseGateway ch = f.clickhouse()) {
            System.out.println("VERSION " + ch.capabilities());
            ch.queryAll("SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = 't'").forEach(r -> System.out.println("COL " + r));
            ch.queryAll("SELECT * FROM t ORDER BY id").forEach(r -> System.out.println("ROW " + r));
            ch.queryAll("SELECT hex(by), hex(aby[1]) FROM t ORDER BY id").forEach(r -> System.out.println("HEX " + r));
            ch.queryAll("SELECT row_key, error, payload FROM _ferry_dead_letters").forEach(r -> System.out.println("DEAD " + r));
        } catch (Exception e) { e.printStackTrace(System.out); }
        FerryConfig loaded = f.load(config);
        new Validator(loaded, loaded.requirePipeline("test")).run(null, t -> System.out.println("VALID " + t));
    }
}
