package dev.ferry.cdc.torture;

import java.util.List;

/**
 * PostgreSQL 15's scalar types, one wide table per theme. The lists follow the PostgreSQL 15 manual,
 * chapter 8 "Data Types" (table 8.1 and sections 8.1-8.20), and the types Debezium's PostgreSQL connector
 * tests create (debezium-connector-postgres/src/test/resources/postgres_create_tables.ddl: numeric_table,
 * numeric_decimal_table, string_table, cash_table, bitbin_table, time_table, text_table, geom_table,
 * range_table, custom_table, hstore_table, not_null_table). Values are the types' limits and awkward
 * cases from those pages; none come from Ferry's code.
 */
final class PostgresTypes {

    private PostgresTypes() {
    }

    /** 8.1 Numeric Types, 8.2 Monetary Types, 8.6 Boolean Type, 8.19 Object Identifier Types (oid). */
    static Scenario numeric() {
        return Scenario.named("numeric, money, boolean, oid").wide(WideTable.of("pg_numeric", List.of(
                Col.of("i2", "smallint", "7", "-32768", "32767"),
                Col.of("i4", "integer", "7", "-2147483648", "2147483647"),
                Col.of("i8", "bigint", "7", "-9223372036854775808", "9223372036854775807"),
                Col.notNull("ss", "smallserial", null, "1", "32767"),
                Col.notNull("s4", "serial", null, "1", "2147483647"),
                Col.notNull("s8", "bigserial", null, "1", "9223372036854775807"),
                Col.of("d32", "decimal(3,2)", "1.11", "-9.99", "9.99"),
                Col.of("n4", "numeric(4)", "42", "-9999", "9999"),
                Col.of("n64", "numeric(6,4)", "1.5", "12.3456", "-0.0001"),
                Col.of("n38", "numeric(38,10)", "0", "'9999999999999999999999999999.9999999999'", "'-0.0000000001'"),
                Col.of("n50", "numeric(50,10)", "1", "'-1234567890123456789012345678901234567890.1234567891'",
                        "0.0000000001"),
                Col.of("nu", "numeric", "3.14", "'NaN'", "'1e-20'"),
                Col.of("nu2", "numeric", "0", "'Infinity'", "'-123456789012345678901234567890.123456789'"),
                // PostgreSQL 15 allows a negative scale (rounds to hundreds here) and a scale above the precision
                Col.of("nneg", "numeric(3,-2)", "100", "12300", "-99900"),
                Col.of("nsp", "numeric(2,3)", "0.001", "-0.099", "0.012"),
                Col.of("r", "real", "1.5", "'-Infinity'", "3.4028235e38"),
                Col.of("r2", "real", "1.5", "'NaN'", "1.17549435e-38"),
                Col.of("r3", "real", "1.5", "'Infinity'", "'-0'"),
                Col.of("f8", "double precision", "1.5", "'NaN'", "1.7976931348623157e308"),
                Col.of("f8b", "double precision", "1.5", "'-Infinity'", "4.9e-324"),
                Col.of("f8c", "float8", "1.5", "'Infinity'", "0.1"),
                Col.of("m", "money", "0", "'-92233720368547758.08'", "'92233720368547758.07'"),
                Col.of("b", "boolean", "true", "false", "true"),
                Col.of("o", "oid", "1", "0", "4294967295")))).build();
    }

    /** 8.3 Character Types, 8.4 Binary Data Types; citext as in Debezium's string_table. */
    static Scenario text() {
        return Scenario.named("character and binary").prepare("CREATE EXTENSION IF NOT EXISTS citext")
                .wide(WideTable.of("pg_text", List.of(
                        Col.of("c1", "char", "'x'", "'a'", "' '"),
                        Col.of("c10", "char(10)", "'pad'", "'abc'", "'ünïcødé ✓'"),
                        Col.of("vc5", "varchar(5)", "'d'", "''", "'🚢🚢🚢🚢🚢'"),
                        Col.of("vc", "character varying", "'dflt'", "E'tab\\there\\nnew line\\r\\n'",
                                "E'back\\\\slash ''quote'' \"dq\" \\U0001F600'"),
                        Col.of("tx", "text", "'default text'", "''", "'NULL'"),
                        Col.of("qc", "\"char\"", "'q'", "'z'", "'~'"),
                        Col.of("nm", "name", "'nm'", "'pg_class'", "repeat('n', 63)"),
                        Col.of("by", "bytea", "'\\xdeadbeef'", "'\\x00ff80fe'", "'\\x'"),
                        Col.of("by2", "bytea", "'\\x00'", "decode('e29c93', 'hex')", "E'\\\\x5c0a0900'"),
                        Col.of("ct", "citext", "'CI'", "'MiXeD Case'", "''")))).build();
    }

    /** 8.5 Date/Time Types, values inside ClickHouse's Date/DateTime range; Debezium's time_table. */
    static Scenario temporal() {
        return Scenario.named("date, time, timestamp, interval").wide(WideTable.of("pg_temporal", List.of(
                Col.of("d", "date", "'2000-01-01'", "'1970-01-01'", "'2106-02-07'"),
                Col.of("t", "time", "'12:00'", "'00:00:00'", "'24:00:00'"),
                Col.of("t0", "time(0)", "'12:00'", "'13:45:59'", "'23:59:59'"),
                Col.of("t3", "time(3)", "'12:00'", "'13:45:00.123'", "'00:00:00.001'"),
                Col.of("t6", "time(6) without time zone", "'12:00'", "'23:59:59.999999'", "'00:00:00.000001'"),
                Col.of("tz", "timetz", "'12:00+00'", "'13:45:00+02'", "'23:59:59.999999+15:59'"),
                Col.of("tz3", "time(3) with time zone", "'12:00+00'", "'13:45:00.5-05:30'", "'00:00:00-15:59'"),
                Col.of("ts", "timestamp", "'2000-01-01 00:00'", "'2024-02-29 23:59:59.123456'", "'1970-01-01 00:00:00'"),
                Col.of("ts0", "timestamp(0)", "'2000-01-01 00:00'", "'2024-02-29 23:59:59'", "'1970-01-01 00:00:01'"),
                Col.of("ts3", "timestamp(3) without time zone", "'2000-01-01 00:00'", "'2024-07-01 10:00:00.5'",
                        "'2038-01-19 03:14:08.001'"),
                Col.of("tstz", "timestamptz", "now()", "'2024-02-29 23:59:59.123456+02'", "'2038-01-19 03:14:07Z'"),
                Col.of("tstz0", "timestamp(0) with time zone", "'2000-01-01 00:00Z'", "'2024-07-01 10:00:00+05:45'",
                        "'1970-01-01 00:00:00Z'"),
                Col.of("tstz3", "timestamptz(3)", "'2000-01-01 00:00Z'", "'2024-07-01 10:00:00.5-08'",
                        "'2106-02-06 23:59:59.999Z'"),
                Col.of("iv", "interval", "'1 day'", "'1 year 2 mons 3 days 04:05:06.5'", "'-178000000 years'"),
                Col.of("iv3", "interval(3)", "'1 day'", "'1.2345 seconds'", "'-1 days +23:59:59.999'"),
                Col.of("ivym", "interval year to month", "'1 year'", "'5 years 11 months'", "'-1 month'"),
                Col.of("ivds", "interval day to second(2)", "'1 day'", "'3 days 12:34:56.78'", "'-00:00:00.01'"),
                Col.of("ivh", "interval hour", "'1 hour'", "'25 hours'", "'-1 hour'")))).build();
    }

    /**
     * Dates that ClickHouse's Date/DateTime cannot hold but that real databases are full of: birth dates
     * before 1970 (MySQL's employees sample, Chinook's Employee) and "open end" dates such as 9999-01-01.
     * Issue 12 (defect 9) asks for a lossless mapping: these rows must land, not become dead letters.
     */
    static Scenario temporalRange() {
        return Scenario.named("dates outside 1970-2106").wide(WideTable.of("pg_temporal_range", List.of(
                Col.of("birth_date", "date", "'1953-09-02'", "'1947-09-19'", "'1900-01-01'"),
                Col.of("to_date", "date", "'9999-01-01'", "'9999-01-01'", "'2200-12-31'"),
                Col.of("d_min", "date", "'0001-01-01'", "'0001-01-01'", "'5874897-12-31'"),
                Col.of("ts0", "timestamp(0)", "'1947-09-19 00:00:00'", "'1953-09-02 00:00:00'",
                        "'9999-12-31 23:59:59'"),
                Col.of("tstz0", "timestamptz(0)", "'1900-01-01 00:00:00Z'", "'1969-12-31 23:59:59Z'",
                        "'2200-01-01 00:00:00Z'"),
                Col.of("ts6", "timestamp(6)", "'1000-01-01 00:00:00'", "'0001-01-01 00:00:00'",
                        "'294276-12-31 23:59:59.999999'"),
                Col.of("tstz6", "timestamptz", "'1000-01-01 00:00:00Z'", "'1924-12-31 23:59:59.999999Z'",
                        "'2299-12-31 23:59:59.999999Z'")))).build();
    }

    /**
     * 8.8 Geometric, 8.9 Network Address, 8.10 Bit String, 8.11 Text Search, 8.12 UUID, 8.13 XML, 8.14 JSON,
     * 8.19 Object Identifier (oid aliases reg*, xid, xid8, cid, tid) and 8.20 pg_lsn types, pg_snapshot/txid_snapshot
     * (9.27), and the contrib types
     * Debezium's tests use (hstore, ltree, isn).
     */
    static Scenario other() {
        return Scenario.named("geometric, network, bit, text search, uuid, xml, json, oid, lsn, contrib")
                .prepare("CREATE EXTENSION IF NOT EXISTS hstore", "CREATE EXTENSION IF NOT EXISTS ltree",
                        "CREATE EXTENSION IF NOT EXISTS isn")
                .wide(WideTable.of("pg_other", List.of(
                        Col.of("ip", "inet", "'127.0.0.1'", "'192.168.0.1/24'", "'2001:db8::ff00:42:8329/64'"),
                        Col.of("net", "cidr", "'10.0.0.0/8'", "'192.168.100.128/25'", "'2001:4f8:3:ba::/64'"),
                        Col.of("mac", "macaddr", "'08:00:2b:01:02:03'", "'08002b:010203'", "'ff:ff:ff:ff:ff:ff'"),
                        Col.of("mac8", "macaddr8", "'08:00:2b:01:02:03:04:05'", "'08-00-2b-01-02-03-04-05'",
                                "'08:00:2b:01:02:03'"),
                        Col.of("pt", "point", "'(0,0)'", "'(1.5,-2)'", "'(1e300,-1e-300)'"),
                        Col.of("ln", "line", "'{1,-1,0}'", "'{1,2,3}'", "'[(0,0),(1,1)]'"),
                        Col.of("ls", "lseg", "'[(0,0),(1,1)]'", "'[(0,0),(1,1)]'", "'((1.5,2.5),(3,4))'"),
                        Col.of("bx", "box", "'(1,1),(0,0)'", "'(1,1),(0,0)'", "'((3,4),(1,2))'"),
                        Col.of("pth", "path", "'[(0,0),(1,1)]'", "'[(0,0),(1,1),(2,0)]'", "'((0,0),(1,1),(2,0))'"),
                        Col.of("pg", "polygon", "'((0,0),(1,1),(1,0))'", "'((0,0),(1,1),(1,0))'",
                                "'((0,0),(0,1),(1,1),(1,0))'"),
                        Col.of("cir", "circle", "'<(0,0),1>'", "'<(0,0),1>'", "'((1.5,2.5),10)'"),
                        Col.of("b1", "bit", "B'1'", "B'0'", "B'1'"),
                        Col.of("b8", "bit(8)", "B'10101010'", "B'00000000'", "B'11111111'"),
                        Col.of("vb", "bit varying", "B'1'", "B''", "B'1010101010101010101'"),
                        Col.of("vb64", "varbit(64)", "B'1'", "B'1'", "B'" + "10".repeat(32) + "'"),
                        Col.of("tsv", "tsvector", "'a'", "'a fat cat sat on a mat and ate a fat rat'",
                                "$$'don''t' 'quote''s' 'a':1A,2B 'b':3C,4D$$"),
                        Col.of("tsq", "tsquery", "'a'", "'fat & rat'", "'!(cat | dog) <-> mouse:*'"),
                        Col.of("u", "uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
                                "'00000000-0000-0000-0000-000000000000'", "'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'"),
                        Col.of("x", "xml", "'<d/>'", "'<a href=\"x\">1 &amp; 2</a>'", "'text content only'"),
                        Col.of("js", "json", "'{}'", "'{\"b\": 1,  \"a\": [1,2], \"a\": 3}'", "'\"scalar\"'"),
                        Col.of("jb", "jsonb", "'{}'", "'{\"b\": 1, \"a\": {\"c\": [true, null, 1.50]}, \"é\": \"\\u00e9\"}'",
                                "'[]'"),
                        Col.of("jp", "jsonpath", "'$'", "'$.a[*] ? (@ > 1)'", "'strict $.b'"),
                        Col.of("lsn", "pg_lsn", "'0/0'", "'16/B374D848'", "'FFFFFFFF/FFFFFFFF'"),
                        Col.of("snap", "pg_snapshot", "'1:1:'", "'10:20:10,14,15'", "'1:1:'"),
                        Col.of("txs", "txid_snapshot", "'1:1:'", "'10:20:10,14,15'", "'1:1:'"),
                        Col.of("rc", "regclass", "'pg_class'", "'pg_type'", "'pg_attribute'"),
                        Col.of("rt", "regtype", "'integer'", "'integer'", "'text[]'"),
                        Col.of("rp", "regproc", "'now'", "'now'", "'pg_backend_pid'"),
                        Col.of("rcfg", "regconfig", "'simple'", "'english'", "'simple'"),
                        Col.of("rns", "regnamespace", "'public'", "'pg_catalog'", "'public'"),
                        // PostgreSQL refuses a regrole constant as a DEFAULT (it would depend on a role)
                        Col.of("rr", "regrole", null, "'pg_monitor'", "'pg_read_all_data'"),
                        Col.of("rpd", "regprocedure", "'lower(text)'", "'lower(text)'", "'now()'"),
                        Col.of("ro", "regoper", "'||/'", "'||/'", "'|/'"),
                        Col.of("rod", "regoperator", "'+(integer,integer)'", "'+(integer,integer)'", "'-(bigint,bigint)'"),
                        Col.of("rcl", "regcollation", "'\"C\"'", "'\"C\"'", "'\"POSIX\"'"),
                        Col.of("rd", "regdictionary", "'simple'", "'simple'", "'english_stem'"),
                        Col.of("xi", "xid", "'1'", "'123'", "'4294967295'"),
                        Col.of("xi8", "xid8", "'1'", "'123'", "'18446744073709551615'"),
                        Col.of("ci", "cid", "'1'", "'0'", "'4294967295'"),
                        Col.of("ti", "tid", "'(0,1)'", "'(0,1)'", "'(4294967295,65535)'"),
                        Col.of("hs", "hstore", "''", "'a=>1, \"b c\"=>NULL'", "''"),
                        Col.of("lt", "ltree", "'Top'", "'Top.Science.Astronomy'", "''"),
                        Col.of("isb", "isbn", "'0-201-63361-2'", "'978-0-393-04002-9'", "'0-201-63361-2'")))).build();
    }

    /**
     * 8.7 Enumerated Types (Pagila's mpaa_rating, DEFAULT 'G' as in its film table), 8.16 Composite Types,
     * 8.17 Range and Multirange Types (built-in and a user-defined range), 8.18 Domain Types (Pagila's
     * year domain and others).
     */
    static Scenario custom() {
        return Scenario.named("enum, domain, composite, range, multirange")
                .prepare("CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17')",
                        "CREATE DOMAIN year AS integer CHECK (VALUE >= 1901 AND VALUE <= 2155)",
                        "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%')",
                        "CREATE DOMAIN price AS numeric(5,2) CHECK (VALUE >= 0)",
                        "CREATE DOMAIN stamp AS timestamptz",
                        "CREATE TYPE address AS (street text, zip varchar(10), geo point)",
                        "CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi)")
                .wide(WideTable.of("pg_custom", List.of(
                        Col.of("rating", "mpaa_rating", "'G'", "'NC-17'", "'PG-13'"),
                        Col.of("yr", "year", "2006", "1901", "2155"),
                        Col.of("em", "email", "'x@y'", "'a@b.c'", "'@'"),
                        Col.of("pr", "price", "0.99", "999.99", "0"),
                        Col.of("st", "stamp", "'2000-01-01 00:00Z'", "'2024-02-29 23:59:59.5+02'", "'1970-01-01Z'"),
                        Col.of("adr", "address", "ROW('main', '1', point(0, 0))",
                                "ROW('1 \"quoted\", st', NULL, '(1,2)')", "ROW(NULL, NULL, NULL)"),
                        Col.of("i4r", "int4range", "'[1,2)'", "'[1,10)'", "'empty'"),
                        Col.of("i8r", "int8range", "'[1,2)'", "'(,)'", "'[-9223372036854775808,9223372036854775807)'"),
                        Col.of("nr", "numrange", "'[1,2)'", "'(1.5,2.5]'", "'[,0)'"),
                        Col.of("tsr", "tsrange", "'[2000-01-01,2000-01-02)'",
                                "'[2010-01-01 14:30, 2010-01-01 15:30)'", "'(,infinity]'"),
                        Col.of("tstzr", "tstzrange", "'[2000-01-01Z,2000-01-02Z)'", "'[2010-01-01 14:30+02,)'",
                                "'empty'"),
                        Col.of("dr", "daterange", "'[2000-01-01,2000-01-02)'", "'[2024-01-01,2024-02-01)'",
                                "'(1953-09-02,9999-01-01]'"),
                        Col.of("fr", "floatrange", "'[1,2]'", "'[1.5,2.5]'", "'(,)'"),
                        Col.of("i4mr", "int4multirange", "'{[1,2)}'", "'{[1,3), [10,20)}'", "'{}'"),
                        Col.of("nmr", "nummultirange", "'{[1,2)}'", "'{(1.5,2.5], [3,)}'", "'{}'"),
                        Col.of("dmr", "datemultirange", "'{}'", "'{[2024-01-01,2024-02-01), [2024-03-01,2024-04-01)}'",
                                "'{}'"),
                        Col.of("i8mr", "int8multirange", "'{}'", "'{[1,3), [10,20)}'", "'{}'"),
                        Col.of("tsm", "tsmultirange", "'{}'", "'{[2024-01-01 00:00,2024-01-02 00:00)}'", "'{}'"),
                        Col.of("tsmr", "tstzmultirange", "'{}'", "'{[2024-01-01 00:00Z,2024-01-02 00:00Z)}'", "'{}'"))))
                .build();
    }
}
