package dev.ferry.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one entry of {@code connections}. */
final class ConnectionParser {

    private static final List<String> SQL_FIELDS = List.of("type", "host", "port", "database", "user", "password",
            "options", "timeouts");
    private static final List<String> CLICKHOUSE_FIELDS = List.of("type", "url", "host", "port", "database", "user",
            "password", "options", "timeouts");
    private static final List<String> TIMEOUT_FIELDS = List.of("connect", "idle", "probe");
    private static final List<String> KAFKA_FIELDS = List.of("type", "bootstrap", "user", "password", "options");
    private static final Map<String, ConnectionType> TYPES = ConnectionType.byName();

    private final Problems problems;
    private final SecretResolver secrets;
    private final boolean allowPlaintextSecrets;

    ConnectionParser(Problems problems, SecretResolver secrets, boolean allowPlaintextSecrets) {
        this.problems = problems;
        this.secrets = secrets;
        this.allowPlaintextSecrets = allowPlaintextSecrets;
    }

    /** The connection's type, or null when it is missing or unknown (reported). */
    ConnectionType type(YamlMap map) {
        if (!map.has("type")) {
            map.requiredScalar("type");
            return null;
        }
        return map.choice("type", null, TYPES);
    }

    /** The connection, or null when anything in it is wrong (reported). */
    ConnectionConfig parse(String name, YamlMap map, ConnectionType type) {
        int before = problems.count();
        if (type == ConnectionType.KAFKA) {
            return kafka(name, map, before);
        }
        map.rejectUnknown(type == ConnectionType.CLICKHOUSE || type == null ? CLICKHOUSE_FIELDS : SQL_FIELDS);
        String user = map.requiredScalar("user").map(secrets::value).orElse(null);
        Secret password = map.scalar("password")
                .map(value -> secrets.password(value, allowPlaintextSecrets))
                .orElse(Secret.NONE);
        Map<String, String> options = options(map);
        Timeouts timeouts = timeouts(map);
        if (type == null) {
            return null;
        }
        ConnectionConfig connection = type == ConnectionType.CLICKHOUSE
                ? clickhouse(name, map, user, password, options)
                : sql(name, map, type, user, password, options);
        return problems.count() > before || connection == null ? null : new ConnectionConfig(connection.name(),
                connection.type(), connection.host(), connection.port(), connection.database(), connection.user(),
                connection.password(), connection.url(), connection.options(), timeouts);
    }

    private ConnectionConfig sql(String name, YamlMap map, ConnectionType type, String user, Secret password,
                                 Map<String, String> options) {
        String host = map.requiredScalar("host").map(secrets::value).orElse(null);
        int port = map.integer("port", type.defaultPort(), 1, 65535);
        String database = map.requiredScalar("database").map(Scalar::text).orElse(null);
        if (host == null || database == null || user == null) {
            return null;
        }
        return new ConnectionConfig(name, type, host, port, database, user, password, null, options);
    }

    /** ClickHouse is reached over HTTP, so either a URL or a host (and port) to build one from. */
    private ConnectionConfig clickhouse(String name, YamlMap map, String user, Secret password,
                                        Map<String, String> options) {
        String database = map.string("database", "default");
        Optional<Scalar> url = map.scalar("url");
        if (url.isEmpty()) {
            String host = map.requiredScalar("host").map(secrets::value).orElse(null);
            int port = map.integer("port", ConnectionType.CLICKHOUSE.defaultPort(), 1, 65535);
            return host == null || user == null ? null : new ConnectionConfig(name, ConnectionType.CLICKHOUSE, host,
                    port, database, user, password, "http://" + host + ":" + port, options);
        }
        if (map.has("host") || map.has("port")) {
            url.get().report("set either url or host and port, not both");
        }
        String text = secrets.value(url.get());
        URI uri = text == null ? null : httpUri(text, url.get());
        if (uri == null || user == null || !credentialFree(text, url.get())) {
            return null;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        String base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        return new ConnectionConfig(name, ConnectionType.CLICKHOUSE, uri.getHost(), port, database, user, password,
                base, options);
    }

    /**
     * Kafka: bootstrap servers, and for SASL a user and password; any other client setting (such as
     * {@code security.protocol}) goes under {@code options} and is passed to the Kafka client as written.
     */
    private ConnectionConfig kafka(String name, YamlMap map, int before) {
        map.rejectUnknown(KAFKA_FIELDS);
        String bootstrap = map.requiredScalar("bootstrap").map(value -> {
            String servers = secrets.value(value);
            if (servers != null && java.util.Arrays.stream(servers.split(",")).anyMatch(server ->
                    dev.ferry.core.net.UrlRedaction.userinfo(server.strip()) != null || server.contains("@"))) {
                value.report("bootstrap servers are host:port pairs; credentials do not belong there (Ferry shows"
                        + " them in messages): set user: and password: \"${env:NAME}\" for SASL instead");
                return null;
            }
            return servers;
        }).orElse(null);
        String user = map.scalar("user").map(secrets::value).orElse("");
        Secret password = map.scalar("password")
                .map(value -> secrets.password(value, allowPlaintextSecrets))
                .orElse(Secret.NONE);
        Map<String, String> options = options(map);
        if (bootstrap == null || problems.count() > before) {
            return null;
        }
        return new ConnectionConfig(name, ConnectionType.KAFKA, bootstrap, 0, "", user, password, bootstrap, options);
    }

    /**
     * Credentials do not belong in a url: Ferry names its endpoints by url in messages and logs (redacted,
     * but a url written into the config is a plaintext secret in a file that gets committed and shared).
     * A user in the url is refused whatever its source (Ferry logs in as {@code user:}); a secret query
     * parameter ({@code ?password=}) only when written literally, like a literal password.
     */
    private boolean credentialFree(String url, Scalar scalar) {
        if (dev.ferry.core.net.UrlRedaction.userinfo(url) != null) {
            scalar.report("the url holds a user name or password (user:password@host); credentials do not belong"
                    + " in a url, which Ferry shows in messages: remove them and set user: and password: \"${env:NAME}\""
                    + " (or ${file:path}) instead");
            return false;
        }
        boolean literal = url.equals(scalar.text());
        if (literal && !allowPlaintextSecrets && dev.ferry.core.net.UrlRedaction.hasSecretParameter(url)) {
            scalar.report("the url holds a secret parameter (password, key or token); literal secrets are not"
                    + " allowed: remove it and set password: \"${env:NAME}\" (or ${file:path}), or give the whole"
                    + " url as a reference, or set allow_plaintext_secrets: true");
            return false;
        }
        return true;
    }

    /** The URL is not echoed in messages: it may have come from a secret reference. */
    private static URI httpUri(String text, Scalar url) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() != null && uri.getScheme().matches("(?i)https?") && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException invalid) {
            // reported below, like a URL of the wrong kind
        }
        url.report("expected an http:// or https:// URL such as http://127.0.0.1:8123");
        return null;
    }

    /** {@code timeouts: {connect: 10s, idle: 30s, probe: 10s}}; each key left out keeps its default. */
    private static Timeouts timeouts(YamlMap map) {
        return map.map("timeouts").map(t -> {
            t.rejectUnknown(TIMEOUT_FIELDS);
            Timeouts defaults = Timeouts.DEFAULTS;
            Duration connect = t.duration("connect", defaults.connect(), false);
            Duration idle = t.duration("idle", defaults.idle(), false);
            Duration probe = t.duration("probe", defaults.probe(), false);
            return new Timeouts(connect == null ? defaults.connect() : connect, idle == null ? defaults.idle() : idle,
                    probe == null ? defaults.probe() : probe);
        }).orElse(Timeouts.DEFAULTS);
    }

    private Map<String, String> options(YamlMap map) {
        Map<String, String> options = new LinkedHashMap<>();
        map.map("options").ifPresent(optionMap -> optionMap.entries().forEach((key, entry) ->
                Scalar.of(entry.getValueNode(), optionMap.field(key), problems)
                        // options may carry secrets (Kafka SSL and SASL settings): ${env:}/${file:} work here too
                        .ifPresent(value -> options.put(key, secrets.value(value)))));
        return options;
    }
}
