package dev.ferry.orchestrator.task.types;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.core.config.Scalar;
import dev.ferry.core.config.YamlMap;
import dev.ferry.orchestrator.dag.YamlValues;
import dev.ferry.orchestrator.task.TaskContext;
import dev.ferry.orchestrator.task.TaskFailure;
import dev.ferry.orchestrator.task.TaskType;
import dev.ferry.orchestrator.task.types.HttpSettings.Mode;
import dev.ferry.orchestrator.task.types.HttpSettings.TableName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * {@code type: http}: fetches records from a JSON API and loads them into a ClickHouse table, the "pull
 * an external source into the ext layer" step of a DAG. Header, parameter and URL values may be
 * {@code ${env:NAME}} secrets; they are resolved only for the request and blanked in every log line and
 * message.
 */
public final class HttpTask implements TaskType<HttpSettings> {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    // sorted, so "expected one of" lists the choices in the same order every time
    private static final Map<String, String> METHODS = new TreeMap<>(Map.of("GET", "GET", "POST", "POST"));
    private static final Map<String, Mode> MODES = new TreeMap<>(Map.of("append", Mode.APPEND, "replace",
            Mode.REPLACE));
    /** Decimals exactly as the API wrote them: 1.10 lands in a text column as "1.10", not "1.1". */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final Function<String, String> env;

    /** Secrets come from the process environment. */
    public HttpTask() {
        this(System::getenv);
    }

    /** @param env looks up {@code ${env:NAME}} references */
    public HttpTask(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Set<String> fields() {
        return Set.of("url", "method", "headers", "params", "body", "records", "connection", "table", "mode",
                "create_table", "request_timeout");
    }

    @Override
    public HttpSettings parse(YamlMap task) {
        int before = task.problems().count();
        String url = YamlFields.required(task, "url");
        Map<String, String> headers = YamlFields.stringMap(task, "headers");
        Map<String, String> params = YamlFields.stringMap(task, "params");
        String body = body(task);
        String method = task.choice("method", body == null ? "GET" : "POST", METHODS);
        if ("GET".equals(method) && body != null) {
            task.problems().add(task.value("body").orElseThrow(), task.field("body"), "a GET request has no body;"
                    + " set method: POST");
        }
        checkReferences(task, "url", url);
        headers.forEach((name, value) -> checkReferences(task, "headers." + name, value));
        params.forEach((name, value) -> checkReferences(task, "params." + name, value));
        String connection = YamlFields.required(task, "connection");
        String table = YamlFields.required(task, "table");
        if (table != null && (table.startsWith(".") || table.endsWith("."))) {
            task.scalar("table").ifPresent(value -> value.report("expected table or database.table, got '"
                    + table + "'"));
        }
        String records = task.string("records", "");
        Mode mode = task.choice("mode", Mode.APPEND, MODES);
        boolean createTable = task.bool("create_table", false);
        Duration timeout = task.duration("request_timeout", DEFAULT_TIMEOUT, false);
        if (task.problems().count() > before) {
            return null;
        }
        return new HttpSettings(url, method, headers, params, body, records, connection, TableName.parse(table), mode,
                createTable, timeout);
    }

    /** A JSON text as written, or a YAML mapping/list turned into JSON. */
    private static String body(YamlMap task) {
        return task.value("body").map(node -> {
            if (node instanceof ScalarNode) {
                return task.scalar("body").map(Scalar::text).orElse(null);
            }
            try {
                return JSON.writeValueAsString(YamlValues.of(node));
            } catch (JsonProcessingException e) {
                task.problems().add(node, task.field("body"), "cannot write as JSON: " + e.getOriginalMessage());
                return null;
            }
        }).orElse(null);
    }

    private static void checkReferences(YamlMap task, String field, String text) {
        SecretReferences.problem(text).ifPresent(problem -> task.problems().add(
                task.value(field.contains(".") ? field.substring(0, field.indexOf('.')) : field).orElse(task.node()),
                task.field(field), problem));
    }

    @Override
    public Map<String, Object> run(HttpSettings settings, TaskContext context) throws InterruptedException {
        HttpRequestSpec request = HttpRequestSpec.resolve(settings, context, new SecretReferences(env,
                context.workDir()));
        Redactor redactor = request.redactor();
        HttpRequestSpec.Answer answer = request.send(context.log());
        JsonNode root;
        try {
            root = JSON.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw new TaskFailure(request.describe() + " answered with something that is not JSON ("
                    + e.getOriginalMessage() + "): " + redactor.redact(HttpRequestSpec.head(answer.body(), 200)));
        }
        List<ObjectNode> records;
        try {
            records = new ArrayList<>(JsonRecords.at(root, settings.records()));
        } catch (IllegalArgumentException e) {
            throw new TaskFailure("no records in the answer of " + request.describe() + ": " + e.getMessage()
                    + "; set records: to the dotted path of the array of records");
        }
        context.log().info(records.size() + " records" + (settings.records().isEmpty() ? "" : " at '"
                + settings.records() + "'"));
        Cancellation.check(context, "loading " + records.size() + " records");
        TableName table = settings.table();
        long loaded;
        try (ClickHouseSession session = ClickHouseSession.open(context, settings.connection(), name())) {
            String database = table.database() != null ? table.database()
                    : session.gateway().endpoint().database();
            loaded = new JsonTableLoader(session, context.log()).load(database, table.name(), records,
                    settings.createTable(), settings.mode());
            context.log().info((settings.mode() == Mode.REPLACE ? "replaced " : "appended ") + loaded
                    + " records in " + database + "." + table.name());
        }
        return Map.of("records", loaded, "status", answer.status());
    }
}
