package dev.ferry.cdc.torture;

import java.util.List;

/**
 * PostgreSQL 15 manual 8.15 "Arrays": an array of every element type of chapter 8, plus the element types
 * of Debezium's array_table / array_table_with_nulls / bytea_binmode_table (citext, ranges, json, oid...)
 * and Pagila's {@code special_features text[]}. The first value has NULL elements and elements that need
 * quoting (commas, quotes, backslashes, braces, the word NULL, blanks); the second is empty or a lone NULL
 * element. Multi-dimensional columns and an explicit lower bound are included (8.15.2, 8.15.6).
 *
 * <p>These tables have no NOT NULL twins: a NOT NULL column whose value the CDC stream cannot decode stops
 * the whole pipeline, which would hide every other element type; {@link #notNullArrays()} has that case.
 */
final class PostgresArrays {

    private PostgresArrays() {
    }

    /** Arrays of the scalar types that map to ClickHouse numbers, strings, dates and UUIDs. */
    static Scenario arrays() {
        return Scenario.named("arrays of numeric, text, binary, temporal, uuid, json, xml, network types")
                .prepare("CREATE EXTENSION IF NOT EXISTS citext")
                .wide(WideTable.of("pg_arrays", List.of(
                        Col.of("i2a", "smallint[]", "'{1}'", "'{-32768,NULL,32767}'", "'{}'"),
                        Col.of("i4a", "integer[]", "'{1}'", "'{1,2,3}'", "'[0:2]={7,8,9}'"),
                        Col.of("i8a", "bigint[]", "'{1}'", "'{-9223372036854775808,9223372036854775807}'", "'{NULL}'"),
                        Col.of("na", "numeric(10,2)[]", "'{1}'", "'{1.5,-0.01,NULL}'", "'{}'"),
                        Col.of("nua", "numeric[]", "'{1}'", "'{NaN,1e-20,123456789012345678901234567890}'", "'{}'"),
                        Col.of("r4a", "real[]", "'{1}'", "'{NaN,Infinity,-Infinity,1.5}'", "'{}'"),
                        Col.of("f8a", "double precision[]", "'{1}'", "'{0.1,-1e308,NULL}'", "'{}'"),
                        Col.of("bla", "boolean[]", "'{t}'", "'{t,f,NULL}'", "'{}'"),
                        Col.of("ta", "text[]", "'{x}'",
                                "'{\"a,b\",\"c\\\"d\",\"e\\\\f\",\"NULL\",NULL,\"{}\",\"\",\" sp \"}'", "'{}'"),
                        Col.of("vca", "varchar(20)[]", "'{Trailers}'", "'{Trailers,\"Deleted Scenes\"}'", "'{}'"),
                        Col.of("ca", "char(3)[]", "'{x}'", "'{a,bb,ccc}'", "'{}'"),
                        Col.of("cia", "citext[]", "'{x}'", "'{MiXeD,\"\"}'", "'{}'"),
                        Col.of("bya", "bytea[]", "'{\"\\\\x00\"}'", "'{\"\\\\x00ff\",\"\\\\x\",NULL}'", "'{}'"),
                        Col.of("da", "date[]", "'{2000-01-01}'", "'{2024-02-29,1970-01-01,NULL}'", "'{}'"),
                        Col.of("tma", "time[]", "'{12:00}'", "'{00:00:00,24:00:00,13:45:00.25}'", "'{}'"),
                        Col.of("tza", "timetz[]", "'{12:00+00}'", "'{13:45:00+02}'", "'{}'"),
                        Col.of("tsa", "timestamp[]", "'{2000-01-01}'", "'{\"2024-02-29 23:59:59.123456\"}'", "'{}'"),
                        Col.of("ts0a", "timestamp(0)[]", "'{2000-01-01}'", "'{\"2024-02-29 23:59:59\"}'", "'{}'"),
                        Col.of("tsza", "timestamptz[]", "'{2000-01-01Z}'", "'{\"2024-07-01 10:00:00.5+02\",NULL}'",
                                "'{}'"),
                        Col.of("iva", "interval[]", "'{1 day}'", "'{\"1 day\",\"-00:00:01\"}'", "'{}'"),
                        Col.of("ua", "uuid[]", "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'",
                                "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}'", "'{}'"),
                        Col.of("ja", "json[]", "'{}'", "'{\"{\\\"a\\\": 1}\",\"[]\"}'", "'{}'"),
                        Col.of("jba", "jsonb[]", "'{}'", "'{\"{\\\"b\\\": 1,  \\\"a\\\": 2}\",null}'", "'{}'"),
                        Col.of("xa", "xml[]", "'{}'", "'{\"<a/>\",\"<b>x</b>\"}'", "'{}'"),
                        Col.of("ipa", "inet[]", "'{}'", "'{192.168.0.1/24,::1}'", "'{}'"),
                        Col.of("cda", "cidr[]", "'{}'", "'{10.0.0.0/8,2001:4f8:3:ba::/64}'", "'{}'"),
                        Col.of("maa", "macaddr[]", "'{}'", "'{08:00:2b:01:02:03}'", "'{}'"),
                        Col.of("ma8a", "macaddr8[]", "'{}'", "'{08:00:2b:01:02:03:04:05}'", "'{}'")), false, "")).build();
    }

    /**
     * Arrays of money, bit strings, geometric, text-search, enum, domain, composite, range and OID types, and
     * arrays declared with two dimensions: kept apart from {@link #arrays()} so that an element type the CDC
     * stream cannot decode does not hide the others.
     */
    static Scenario structuredArrays() {
        return Scenario.named("arrays of money, bit, geometric, text-search, enum, domain, composite, range types")
                .prepare("CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17')",
                        "CREATE DOMAIN year AS integer CHECK (VALUE >= 1901 AND VALUE <= 2155)",
                        "CREATE TYPE address AS (street text, zip varchar(10), geo point)")
                .wide(WideTable.of("pg_arrays_structured", List.of(
                        Col.of("moa", "money[]", "'{}'", "'{1.50,-2}'", "'{}'"),
                        Col.of("bita", "bit(3)[]", "'{}'", "'{101,000}'", "'{}'"),
                        Col.of("vba", "varbit[]", "'{}'", "'{1,0101,\"\"}'", "'{}'"),
                        Col.of("pta", "point[]", "'{}'", "'{\"(1,2)\",\"(3.5,-4)\"}'", "'{}'"),
                        Col.of("bxa", "box[]", "'{}'", "'{(1,1),(0,0);(3,3),(2,2)}'", "'{}'"),
                        Col.of("tsva", "tsvector[]", "'{}'", "'{\"a b\",\"c:1A\"}'", "'{}'"),
                        Col.of("tsqa", "tsquery[]", "'{}'", "'{\"a & b\"}'", "'{}'"),
                        Col.of("ea", "mpaa_rating[]", "'{G}'", "'{G,NC-17,NULL}'", "'{}'"),
                        Col.of("ya", "year[]", "'{2006}'", "'{1901,2155}'", "'{}'"),
                        Col.of("ada", "address[]", "'{}'", "ARRAY[ROW('a,b', NULL, '(1,2)')::address, NULL]", "'{}'"),
                        Col.of("i4ra", "int4range[]", "'{}'", "'{\"[1,2)\",empty}'", "'{}'"),
                        Col.of("dra", "daterange[]", "'{}'", "'{\"[2024-01-01,2024-02-01)\"}'", "'{}'"),
                        Col.of("oa", "oid[]", "'{}'", "'{0,4294967295}'", "'{}'"),
                        Col.of("i4x2", "integer[][]", "'{{1}}'", "'{{1,2},{3,NULL}}'", "'{}'"),
                        Col.of("tx2", "text[][]", "'{{x}}'", "'{{a,\"b,c\"},{NULL,\"\"}}'", "'{}'")), false, "")).build();
    }

    /**
     * NOT NULL array columns whose values Debezium's PostgreSQL connector turns into null (numeric[] with
     * NaN, bit(n)[]): the pipeline must carry on (issue 12: nothing dropped or stopped silently).
     */
    static Scenario notNullArrays() {
        return Scenario.named("NOT NULL arrays of numeric with NaN and of bit strings")
                .wide(WideTable.of("pg_arrays_not_null", List.of(
                        Col.notNull("nua", "numeric[]", "'{1}'", "'{NaN,1.5}'", "'{}'"),
                        Col.notNull("bita", "bit(3)[]", "'{}'", "'{101,000}'", "'{}'"),
                        Col.notNull("i4a", "integer[]", "'{1}'", "'{1,NULL}'", "'{}'")), false, "")).build();
    }
}
