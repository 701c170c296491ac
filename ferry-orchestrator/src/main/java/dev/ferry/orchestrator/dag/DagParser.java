package dev.ferry.orchestrator.dag;

import dev.ferry.core.config.ConfigLoader;
import dev.ferry.core.config.Problems;
import dev.ferry.core.config.Scalar;
import dev.ferry.core.config.Spelling;
import dev.ferry.core.config.YamlMap;
import dev.ferry.core.config.YamlNodes;
import dev.ferry.orchestrator.task.TaskType;
import dev.ferry.orchestrator.task.TaskTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one DAG file. Like the config loader it reports every problem at once, each with file, line and
 * field, so {@code ferry dags list-import-errors} can show them all.
 */
public final class DagParser {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final List<String> DAG_FIELDS = List.of("id", "description", "tags", "schedule", "timezone",
            "catchup", "start_date", "paused", "max_active_runs", "params", "defaults", "tasks");
    private static final List<String> DEFAULT_FIELDS = List.of("retries", "retry_delay", "retry_exponential",
            "max_retry_delay", "timeout");
    private static final List<String> TASK_FIELDS = List.of("id", "type", "description", "depends_on", "retries",
            "retry_delay", "retry_exponential", "max_retry_delay", "timeout", "trigger_rule");
    static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);
    /** What the store's id columns hold. */
    static final int MAX_ID = 200;

    private final TaskTypes types;

    public DagParser(TaskTypes types) {
        this.types = types;
    }

    /** @throws dev.ferry.core.config.ConfigException listing every problem of the file */
    public Dag parse(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String source;
        try {
            source = Files.readString(absolute);
        } catch (IOException e) {
            throw new Problems(absolute).fail(0, "", "cannot read DAG file: " + e.getMessage());
        }
        return parse(absolute, source);
    }

    /** Reads a DAG from text kept elsewhere (a run's copy of its file); {@code file} is for messages. */
    public Dag parse(Path file, String source) {
        Problems problems = new Problems(file);
        return parse(file, ConfigLoader.compose(file, source, problems), source, problems);
    }

    private Dag parse(Path file, Node root, String source, Problems problems) {
        if (root == null) {
            throw problems.fail(1, "", "the file is empty; expected a DAG with id and tasks");
        }
        YamlMap dag = YamlMap.of(root, "", problems).orElseThrow(() -> problems.fail(YamlNodes.line(root), "",
                "expected a mapping with id and tasks"));
        dag.rejectUnknown(DAG_FIELDS);
        String id = dag.requiredScalar("id").map(value -> checkedId(value, "DAG")).orElse("?");
        ZoneId zone = zone(dag);
        Optional<CronSchedule> schedule = dag.scalar("schedule").flatMap(value -> schedule(value, zone));
        Optional<Instant> startDate = dag.scalar("start_date").flatMap(value -> startDate(value, zone));
        boolean catchup = dag.bool("catchup", false);
        if (catchup && schedule.isPresent() && startDate.isEmpty()) {
            dag.scalar("catchup").ifPresent(value -> value.report("catchup needs a start_date to catch up from"));
        }
        ParamSpecs params = ParamSpecs.parse(dag);
        if (schedule.isPresent()) {
            params.specs().values().stream().filter(spec -> spec.fallback().isEmpty()).forEach(spec ->
                    problems.add(dag.value("params").orElse(dag.node()), "params." + spec.name(), "a scheduled DAG"
                            + " needs a default for every param (its runs have nobody to give one)"));
        }
        TaskDefaults defaults = dag.map("defaults").map(map -> {
            map.rejectUnknown(DEFAULT_FIELDS);
            return TaskDefaults.read(map, TaskDefaults.BUILT_IN);
        }).orElse(TaskDefaults.BUILT_IN);

        List<Node> items = dag.list("tasks");
        if (items.isEmpty() && problems.count() == 0) {
            problems.add(dag.node(), "tasks", "a DAG needs at least one task");
        }
        List<TaskDefinition> tasks = new ArrayList<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "tasks[" + i + "]";
            Optional<YamlMap> map = YamlMap.of(items.get(i), path, problems);
            if (map.isEmpty()) {
                continue;
            }
            TaskDefinition task = task(map.get(), defaults, params);
            if (task == null) {
                continue;
            }
            Integer earlier = firstLine.putIfAbsent(task.id(), task.line());
            if (earlier != null) {
                problems.add(task.line(), path + ".id", "duplicate task id '" + task.id() + "'; first used at line "
                        + earlier);
            } else {
                tasks.add(task);
            }
        }
        List<TaskDefinition> ordered = TaskOrder.sort(tasks, problems);
        problems.throwIfAny();
        return new Dag(id, dag.string("description", ""), dag.strings("tags"), schedule, zone,
                catchup && startDate.isPresent(), dag.bool("paused", false),
                dag.integer("max_active_runs", 1, 1, 100), params, ordered, file, source, startDate);
    }

    private TaskDefinition task(YamlMap task, TaskDefaults dagDefaults, ParamSpecs params) {
        int line = YamlNodes.line(task.node());
        String id = task.requiredScalar("id").map(value -> checkedId(value, "task")).orElse(null);
        Optional<Scalar> typeName = task.requiredScalar("type");
        Optional<TaskType<?>> type = typeName.flatMap(value -> {
            Optional<TaskType<?>> known = types.get(value.text().trim());
            if (known.isEmpty()) {
                value.report(Spelling.unknown("task type", value.text().trim(), types.names()));
            }
            return known;
        });
        Set<String> fields = new HashSet<>(TASK_FIELDS);
        type.ifPresent(known -> fields.addAll(known.fields()));
        if (type.isPresent()) {
            task.rejectUnknown(fields);
        }
        TaskDefaults own = TaskDefaults.read(task, dagDefaults);
        TriggerRule rule = task.choice("trigger_rule", TriggerRule.ALL_SUCCESS,
                Map.of("all_success", TriggerRule.ALL_SUCCESS, "all_done", TriggerRule.ALL_DONE));
        List<String> dependsOn = dependsOn(task);
        Object settings = type.map(known -> known.parse(task)).orElse(null);
        type.ifPresent(known -> TemplateChecks.check(task, known.quotedFields(), params));
        if (id == null || type.isEmpty()) {
            return null;
        }
        return new TaskDefinition(id, type.get().name(), task.string("description", ""), dependsOn, own.retry(),
                own.timeout(), rule, settings, line);
    }

    /** {@code depends_on: a} and {@code depends_on: [a, b]} both work. */
    private static List<String> dependsOn(YamlMap task) {
        Optional<Node> value = task.value("depends_on");
        if (value.isPresent() && value.get() instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
            return task.scalar("depends_on").map(scalar -> List.of(scalar.text())).orElse(List.of());
        }
        return task.strings("depends_on");
    }

    private static String checkedId(Scalar value, String what) {
        String id = value.text().trim();
        if (id.length() > MAX_ID) {
            value.report(what + " ids may be at most " + MAX_ID + " characters long, this one has " + id.length());
        } else if (!ID.matcher(id).matches()) {
            value.report(what + " ids may use letters, digits, '_', '.' and '-', and start with a letter, digit"
                    + " or '_'");
        }
        return id;
    }

    private static ZoneId zone(YamlMap dag) {
        Optional<Scalar> value = dag.scalar("timezone");
        if (value.isEmpty()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(value.get().text().trim());
        } catch (DateTimeException unknown) {
            value.get().report("unknown time zone '" + value.get().text() + "'; use a region such as Europe/Moscow"
                    + " or UTC");
            return ZoneOffset.UTC;
        }
    }

    private static Optional<CronSchedule> schedule(Scalar value, ZoneId zone) {
        String text = value.text().trim();
        if (text.equalsIgnoreCase("manual") || text.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        try {
            return Optional.of(CronSchedule.parse(text, zone));
        } catch (IllegalArgumentException invalid) {
            value.report("invalid cron schedule '" + text + "': " + invalid.getMessage()
                    + "; expected five fields (minute hour day-of-month month day-of-week) such as '0 2 * * *',"
                    + " a preset (@hourly, @daily, @weekly, @monthly, @yearly) or 'manual'");
            return Optional.empty();
        }
    }

    private static Optional<Instant> startDate(Scalar value, ZoneId zone) {
        String text = value.text().trim();
        try {
            return Optional.of(text.length() <= 10 ? LocalDate.parse(text).atStartOfDay(zone).toInstant()
                    : LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toInstant());
        } catch (DateTimeException invalid) {
            value.report("expected a date such as 2026-01-31 or 2026-01-31T02:00, got '" + text + "'");
            return Optional.empty();
        }
    }
}
