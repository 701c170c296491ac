package dev.ferry.cdc.torture;

import java.util.List;

/**
 * MariaDB 10.11's column types, one wide table per theme. The lists follow MariaDB's "Data Types"
 * reference (Numeric, String, Date and Time, Geometry, JSON, INET4/INET6, UUID) and the tables Debezium's
 * binlog connector tests create (debezium-connector-binlog/src/test/resources/ddl: regression_test.sql,
 * default_value.sql, enum_column_test.sql, json_test.sql, year_test.sql, geometry_test_5.sql,
 * binary_column_test.sql, unsigned_integer_test.sql, timestamp_column_test.sql), with Sakila's shapes
 * (film.rating ENUM DEFAULT 'G', special_features SET, release_year YEAR, address.location GEOMETRY with a
 * spatial index, film_text FULLTEXT). None of the values come from Ferry's code.
 */
final class MariaDbTypes {

    private MariaDbTypes() {
    }

    /** Numeric Data Types: integers signed/unsigned/zerofill, BOOLEAN, DECIMAL, FLOAT, DOUBLE, BIT. */
    static Scenario numeric() {
        return Scenario.named("integers, decimal, float, double, bit").wide(WideTable.of("my_numeric", List.of(
                Col.of("ti", "tinyint", "100", "-128", "127"),
                Col.of("tiu", "tinyint unsigned", "10", "0", "255"),
                Col.of("bo", "boolean", "true", "false", "5"),
                Col.of("si", "smallint", "5", "-32768", "32767"),
                Col.of("siu", "smallint unsigned", "0", "0", "65535"),
                Col.of("mi", "mediumint", "300", "-8388608", "8388607"),
                Col.of("miu", "mediumint unsigned", "0", "0", "16777215"),
                Col.of("i", "int", "400", "-2147483648", "2147483647"),
                Col.of("iu", "int unsigned", "0", "0", "4294967295"),
                Col.of("iz", "int(8) zerofill", "42", "0", "12345"),
                Col.of("bi", "bigint", "500", "-9223372036854775808", "9223372036854775807"),
                Col.of("biu", "bigint unsigned", "0", "0", "18446744073709551615"),
                Col.of("d52", "decimal(5,2)", "1.5", "-999.99", "999.99"),
                Col.of("d10", "decimal", "1", "-9999999999", "0"),
                Col.of("d3810", "decimal(38,10)", "0", "-9999999999999999999999999999.9999999999", "0.0000000001"),
                Col.of("d6530", "decimal(65,30)", "0",
                        "-99999999999999999999999999999999999.999999999999999999999999999999",
                        "0.000000000000000000000000000001"),
                Col.of("du", "decimal(10,2) unsigned", "1", "0", "99999999.99"),
                Col.of("fl", "float", "1.5", "-3.40282e38", "1.17549e-38"),
                Col.of("fl7", "float(7,3)", "1.5", "1234.567", "-0.001"),
                Col.of("fp", "float(30)", "1", "1e300", "-1e-300"),
                Col.of("db", "double", "1", "-1.7976931348623157e308", "2.2250738585072014e-308"),
                Col.of("db2", "double(10,3)", "1", "1234567.891", "-0.5"),
                Col.of("rl", "real", "1", "0.1", "-0.0"),
                Col.of("bt1", "bit(1)", "b'1'", "b'0'", "b'1'"),
                Col.of("bt8", "bit(8)", "b'10101010'", "b'0'", "b'11111111'"),
                Col.of("bt17", "bit(17)", "b'1'", "b'10000000000000001'", "b'0'"),
                Col.of("bt64", "bit(64)", "b'1'", "b'" + "1".repeat(64) + "'", "b'1011011100000111011011011'"))))
                .build();
    }

    /** String Data Types: CHAR/VARCHAR in several character sets, TEXTs, BINARY, BLOBs, ENUM, SET, JSON. */
    static Scenario text() {
        return Scenario.named("strings, binary, enum, set, json").wide(WideTable.of("my_text", List.of(
                Col.of("c1", "char(1)", "'A'", "'a'", "''"),
                Col.of("c20", "char(20)", "'pad'", "'trailing  '", "'ünïcødé ✓'"),
                Col.of("vc", "varchar(255)", "'CC'", "''", "'emoji 🚢 tab\\t nl\\n back\\\\ quote\\' dq\"'"),
                Col.of("vcl", "varchar(100) CHARACTER SET latin1", "'é'", "'café'", "'naïve ÿ'"),
                Col.of("nc", "national char(10)", "'x'", "'ß'", "''"),
                Col.of("tt", "tinytext", "'t'", "''", "REPEAT('x', 255)"),
                Col.of("tx", "text", "'text'", "REPEAT('ab', 1000)", "''"),
                Col.of("mt", "mediumtext", "'mt'", "'line1\\r\\nline2'", "''"),
                Col.of("lt", "longtext", "'lt'", "'NULL'", "''"),
                Col.of("bn", "binary(4)", "0x00", "0x00ff80fe", "'a'"),
                Col.of("vb", "varbinary(16)", "''", "0x4D7953514C", "''"),
                Col.of("tb", "tinyblob", "'tb'", "0x00", "''"),
                Col.of("bl", "blob", "'b'", "0xdeadbeef00", "''"),
                Col.of("mb", "mediumblob", "'mb'", "0x5c0a0900", "''"),
                Col.of("lb", "longblob", "'lb'", "0xff", "''"),
                Col.of("rating", "enum('G','PG','PG-13','R','NC-17')", "'G'", "'NC-17'", "'PG-13'"),
                Col.of("en2", "enum('station','post_office','a,b','c,''d')", "'station'", "'a,b'", "'c,''d'"),
                Col.of("features", "set('Trailers','Commentaries','Deleted Scenes','Behind the Scenes')", "'Trailers'",
                        "'Trailers,Deleted Scenes'", "''"),
                Col.of("js", "json", "'{}'", "'{\"b\": 1,  \"a\": [1,2]}'", "'\"scalar string\"'"))))
                .prepare("CREATE FULLTEXT INDEX ft_text ON my_text (tx, mt)")
                .build();
    }

    /** MariaDB's UUID type (10.7); Debezium's uuid_column_test.sql and UuidColumnIT. */
    static Scenario uuid() {
        return Scenario.named("uuid").wide(WideTable.of("my_uuid", List.of(
                Col.of("uu", "uuid", "'00000000-0000-0000-0000-000000000000'", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
                        "'ffffffff-ffff-ffff-ffff-ffffffffffff'")))).build();
    }

    /**
     * MariaDB's INET4 (10.10) and INET6 (10.5): snapshot and incremental only, as Debezium's DDL parser cannot
     * read them (MariaDbTortureIT checks that a CDC pipeline refuses them, saying so).
     */
    static Scenario inet() {
        return Scenario.named("inet4, inet6").wide(WideTable.of("my_inet", List.of(
                Col.of("ip4", "inet4", "'0.0.0.0'", "'10.0.0.1'", "'255.255.255.255'"),
                Col.of("ip6", "inet6", "'::'", "'::1'", "'2001:db8::ff00:42:8329'"),
                Col.of("ip6v4", "inet6", "'::'", "'::ffff:192.0.2.128'", "'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'"))))
                .build();
    }

    /** Date and Time Data Types inside ClickHouse's Date/DateTime range; the mark Debezium's year_test checks. */
    static Scenario temporal() {
        return Scenario.named("date, time, datetime, timestamp, year").wide(WideTable.of("my_temporal", List.of(
                Col.of("d", "date", "'2000-01-01'", "'1970-01-01'", "'2106-02-07'"),
                Col.of("t", "time", "'12:00:00'", "'-838:59:59'", "'838:59:59'"),
                Col.of("t3", "time(3)", "'12:00:00'", "'-00:00:00.001'", "'100:00:00.5'"),
                Col.of("t6", "time(6)", "'12:00:00'", "'23:59:59.999999'", "'00:00:00'"),
                Col.of("dt", "datetime", "'2000-01-01 00:00:00'", "'2024-02-29 23:59:59'", "'1970-01-01 00:00:00'"),
                Col.of("dt3", "datetime(3)", "'2000-01-01 00:00:00'", "'2014-09-08 17:51:04.777'",
                        "'2038-01-19 03:14:08.001'"),
                Col.of("dt6", "datetime(6)", "'2000-01-01 00:00:00'", "'2024-02-29 23:59:59.123456'",
                        "'1970-01-01 00:00:00.000001'"),
                Col.of("ts", "timestamp", "'2000-01-01 00:00:00'", "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07'"),
                Col.of("ts3", "timestamp(3)", "'2000-01-01 00:00:00'", "'2014-09-08 17:51:04.777'",
                        "'2038-01-19 03:14:07.999'"),
                Col.of("ts6", "timestamp(6)", "CURRENT_TIMESTAMP(6)", "'2024-02-29 23:59:59.123456'",
                        "'1970-01-01 00:00:01.000001'"),
                Col.of("yr", "year", "2006", "1901", "2155"),
                Col.of("yr0", "year", "2000", "0", "1970"),
                Col.of("mod_at", "datetime ON UPDATE CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP", "'2020-01-01 00:00:00'",
                        "'2021-01-01 00:00:00'")))).build();
    }

    /**
     * Dates ClickHouse's Date/DateTime cannot hold: MySQL's employees sample (birth_date before 1970,
     * dept_emp.to_date '9999-01-01') and Chinook (Employee.BirthDate 1947). Issue 12 (defect 9) asks for a
     * lossless mapping: these rows must land, not become dead letters.
     */
    static Scenario temporalRange() {
        return Scenario.named("dates outside 1970-2106").wide(WideTable.of("my_temporal_range", List.of(
                Col.of("birth_date", "date", "'1953-09-02'", "'1953-09-02'", "'1000-01-01'"),
                Col.of("hire_date", "date", "'1985-01-01'", "'1985-02-18'", "'1969-12-31'"),
                Col.of("to_date", "date", "'9999-01-01'", "'9999-01-01'", "'9999-12-31'"),
                Col.of("dt", "datetime", "'1947-09-19 00:00:00'", "'1947-09-19 00:00:00'", "'9999-12-31 23:59:59'"),
                Col.of("dt6", "datetime(6)", "'1000-01-01 00:00:00'", "'1000-01-01 00:00:00.000000'",
                        "'9999-12-31 23:59:59.999999'")))).build();
    }

    /** Spatial types (MariaDB "Geometry Types"; Debezium's geometry_test_5.sql; Sakila's address.location). */
    static Scenario spatial() {
        return Scenario.named("geometry types").wide(WideTable.of("my_spatial", List.of(
                Col.of("g", "geometry", "ST_GeomFromText('POINT(0 0)')", "ST_GeomFromText('POINT(1 1)', 4326)",
                        "ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0),(5 5,7 5,7 7,5 7,5 5))')"),
                Col.of("pt", "point", "POINT(0, 0)", "ST_GeomFromText('POINT(8.25554554 3.22124447)', 4326)",
                        "POINT(-180, -90)"),
                Col.of("ls", "linestring", "ST_GeomFromText('LINESTRING(0 0, 1 1)')",
                        "ST_GeomFromText('LINESTRING(0 0, 1 1)', 3187)", "ST_GeomFromText('LINESTRING(0 0, 1 1, 2 0)')"),
                Col.of("pg", "polygon", "ST_GeomFromText('POLYGON((0 0, 1 1, 1 0, 0 0))')",
                        "ST_GeomFromText('POLYGON((0 0, 1 1, 1 0, 0 0))')",
                        "ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0),(5 5,7 5,7 7,5 7,5 5))')"),
                Col.of("mpt", "multipoint", "ST_GeomFromText('MULTIPOINT(0 0)')",
                        "ST_GeomFromText('MULTIPOINT(0 0, 1 1)')", "ST_GeomFromText('MULTIPOINT(1e10 -1e-10)')"),
                Col.of("mls", "multilinestring", "ST_GeomFromText('MULTILINESTRING((0 0, 1 1))')",
                        "ST_GeomFromText('MULTILINESTRING((0 0, 1 1), (2 2, 3 3))')",
                        "ST_GeomFromText('MULTILINESTRING((0 0, 1 1))', 4326)"),
                Col.of("mpg", "multipolygon", "ST_GeomFromText('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))')",
                        "ST_GeomFromText('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))')",
                        "ST_GeomFromText('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))')"),
                Col.of("gc", "geometrycollection", "ST_GeomFromText('GEOMETRYCOLLECTION EMPTY')",
                        "ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))', 4326)",
                        "ST_GeomFromText('GEOMETRYCOLLECTION EMPTY')"))))
                // Sakila's address.location: NOT NULL with a spatial index
                .prepare("CREATE SPATIAL INDEX sx_location ON my_spatial (nn_g)")
                .build();
    }
}
