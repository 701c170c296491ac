package dev.ferry.orchestrator.task.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.orchestrator.dag.Dag;
import dev.ferry.orchestrator.dag.DagParser;
import dev.ferry.orchestrator.task.TaskTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every YAML example of docs/dag-tasks.md is a valid DAG or list of tasks, so the reference stays true. */
class DocsExamplesTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyExampleParses(@TempDir Path dir) throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "dag-tasks.md"));
        Matcher block = YAML_BLOCK.matcher(doc);
        List<String> examples = new ArrayList<>();
        while (block.find()) {
            examples.add(block.group(1));
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(7);
        DagParser parser = new DagParser(TaskTypes.standard());
        for (int i = 0; i < examples.size(); i++) {
            String example = examples.get(i);
            // snippets of tasks depend on tasks shown elsewhere; the full example keeps its dependencies
            String dag = example.startsWith("id:") ? example : "id: example\ntasks:\n" + example.lines()
                    .filter(line -> !line.strip().startsWith("depends_on:"))
                    .map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n");
            Path file = dir.resolve("example" + i + ".yaml");
            Files.writeString(file, dag);
            Dag parsed = parser.parse(file);
            assertThat(parsed.tasks()).as(example).isNotEmpty();
        }
    }
}
