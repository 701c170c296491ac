package dev.ferry.orchestrator.task.types;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code type: http} task as its DAG file declares it. Texts may hold {@code {{ ... }}} references and
 * {@code ${env:NAME}} / {@code ${file:path}} secrets, both resolved when the task runs.
 *
 * @param method   GET, or POST when there is a body
 * @param body     the request body (JSON text), or null
 * @param records  dotted path to the records in the response; empty means the root
 * @param table    the ClickHouse table, {@code name} (in the connection's database) or {@code database.name}
 */
public record HttpSettings(String url, String method, Map<String, String> headers, Map<String, String> params,
                           String body, String records, String connection, TableName table, Mode mode,
                           boolean createTable, Duration requestTimeout) {

    /** What loading does to the rows already in the table. */
    public enum Mode {
        /** Adds the records. */
        APPEND,
        /** Swaps in a table holding only the records. */
        REPLACE
    }

    /** A table in a database; a null database means the connection's. */
    public record TableName(String database, String name) {

        public TableName {
            Objects.requireNonNull(name, "name");
        }

        /** {@code db.table} or {@code table}. */
        public static TableName parse(String text) {
            int dot = text.indexOf('.');
            return dot < 0 ? new TableName(null, text) : new TableName(text.substring(0, dot), text.substring(dot + 1));
        }

        @Override
        public String toString() {
            return database == null ? name : database + "." + name;
        }
    }

    public HttpSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        records = records == null ? "" : records;
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** Shows header names and parameter names only: their values may be secrets. */
    @Override
    public String toString() {
        return "HttpSettings[" + method + " " + url + ", headers=" + headers.keySet() + ", params=" + params.keySet()
                + ", records=" + records + ", connection=" + connection + ", table=" + table + ", mode=" + mode
                + ", createTable=" + createTable + ", requestTimeout=" + requestTimeout + "]";
    }
}
