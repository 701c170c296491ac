package dev.ferry.orchestrator.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.config.ConfigException;
import dev.ferry.core.config.ConfigProblem;
import dev.ferry.core.config.YamlMap;
import dev.ferry.orchestrator.task.TaskContext;
import dev.ferry.orchestrator.task.TaskType;
import dev.ferry.orchestrator.task.TaskTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DagParserTest {

    /** A task type with one required field, to see type-specific problems reported with their line. */
    private static final class EchoType implements TaskType<String> {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public Set<String> fields() {
            return Set.of("text");
        }

        @Override
        public String parse(YamlMap task) {
            return task.requiredScalar("text").map(value -> value.text()).orElse(null);
        }

        @Override
        public Map<String, Object> run(String settings, TaskContext context) {
            return Map.of("text", context.render(settings));
        }
    }

    private final DagParser parser = new DagParser(new TaskTypes(List.of(new EchoType())));

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsADagWithDefaultsOverridesAndTasksInDependencyOrder() throws Exception {
        Dag dag = parser.parse(write("etl.yaml", """
                id: shop_etl
                description: nightly load
                tags: [etl, shop]
                schedule: "0 2 * * *"
                params: {days: 7, target: analytics}
                defaults: {retries: 2, retry_delay: 1m, timeout: 30m}
                tasks:
                  - id: refresh
                    type: echo
                    text: refresh
                    depends_on: [load]
                  - {id: extract, type: echo, text: extract}
                  - {id: load, type: echo, text: "{{ tasks.extract.text }}", depends_on: extract, retries: 5}
                """));
        assertThat(dag.id()).isEqualTo("shop_etl");
        assertThat(dag.tags()).containsExactly("etl", "shop");
        assertThat(dag.schedule()).hasValueSatisfying(cron -> assertThat(cron.expression()).isEqualTo("0 2 * * *"));
        assertThat(dag.params()).containsEntry("days", 7L).containsEntry("target", "analytics");
        assertThat(dag.tasks()).extracting(TaskDefinition::id).containsExactly("extract", "load", "refresh");
        TaskDefinition load = dag.task("load").orElseThrow();
        assertThat(load.retry().retries()).isEqualTo(5);
        assertThat(load.retry().delay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(load.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(dag.task("extract").orElseThrow().retry().retries()).isEqualTo(2);
        assertThat(dag.catchup()).isFalse();
    }

    @Test
    void reportsEveryProblemWithItsLine() throws Exception {
        Path file = write("bad.yaml", """
                id: bad dag
                schedule: "every day"
                tasks:
                  - {id: a, type: echo}
                  - {id: b, type: ecko, text: x}
                  - {id: c, type: echo, text: x, depends_on: [zz], colour: red}
                  - {id: a, type: echo, text: again}
                """);
        assertThatThrownBy(() -> parser.parse(file)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).extracting(ConfigProblem::line, ConfigProblem::field).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "id"),
                        org.assertj.core.groups.Tuple.tuple(2, "schedule"),
                        org.assertj.core.groups.Tuple.tuple(4, "tasks[0].text"),
                        org.assertj.core.groups.Tuple.tuple(5, "tasks[1].type"),
                        org.assertj.core.groups.Tuple.tuple(6, "tasks[2].colour"),
                        org.assertj.core.groups.Tuple.tuple(6, "c.depends_on"),
                        org.assertj.core.groups.Tuple.tuple(7, "tasks[3].id")));
        try {
            parser.parse(file);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).contains("unknown task type 'ecko'; did you mean 'echo'?")
                    .contains("unknown task 'zz'")
                    .contains("duplicate task id 'a'; first used at line 4")
                    .contains("invalid cron schedule 'every day'");
        }
    }

    @Test
    void findsDependencyCycles() throws Exception {
        Path file = write("cycle.yaml", """
                id: cycle
                tasks:
                  - {id: a, type: echo, text: x, depends_on: c}
                  - {id: b, type: echo, text: x, depends_on: a}
                  - {id: c, type: echo, text: x, depends_on: b}
                  - {id: d, type: echo, text: x}
                """);
        assertThatThrownBy(() -> parser.parse(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("dependency cycle among: a (line 3), b (line 4), c (line 5)");
    }

    @Test
    void folderListsDagsAndImportErrorsAndRereadsOnlyChangedFiles() throws Exception {
        Path dags = Files.createDirectories(dir.resolve("dags"));
        Files.writeString(dags.resolve("one.yaml"), "id: one\ntasks:\n  - {id: t, type: echo, text: x}\n");
        Files.writeString(dags.resolve("two.yml"), "id: one\ntasks:\n  - {id: t, type: echo, text: x}\n");
        Files.writeString(dags.resolve("broken.yaml"), "id: broken\ntasks: [\n");
        Files.writeString(dags.resolve("notes.txt"), "not a DAG");
        DagFolder folder = new DagFolder(dags, parser);

        DagSet set = folder.load();
        assertThat(set.dags()).containsOnlyKeys("one");
        assertThat(set.errors()).extracting(problem -> problem.file().getFileName().toString())
                .containsExactly("broken.yaml", "two.yml");
        assertThat(set.errors().get(1).message()).contains("DAG id 'one' is already used by");

        Dag first = set.dags().get("one");
        assertThat(folder.load().dags().get("one")).isSameAs(first);
        Files.writeString(dags.resolve("one.yaml"), "id: one\ntasks:\n  - {id: t2, type: echo, text: y}\n");
        assertThat(folder.load().dags().get("one").tasks()).extracting(TaskDefinition::id).containsExactly("t2");
    }

    @Test
    void retryDelaysGrowExponentiallyUpToTheCap() {
        TaskRetry retry = new TaskRetry(5, Duration.ofSeconds(10), true, Duration.ofSeconds(60));
        assertThat(List.of(1, 2, 3, 4, 5)).map(retry::delayAfter).containsExactly(Duration.ofSeconds(10),
                Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(60), Duration.ofSeconds(60));
        TaskRetry fixed = new TaskRetry(5, Duration.ofSeconds(10), false, Duration.ofSeconds(60));
        assertThat(fixed.delayAfter(4)).isEqualTo(Duration.ofSeconds(10));
    }
}
