package dev.ferry.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Collects what is wrong with one config file, so parsing can go on and report everything at once. */
public final class Problems {

    private final Path file;
    private final List<ConfigProblem> found = new ArrayList<>();

    public Problems(Path file) {
        this.file = file;
    }

    /** The file being read, so a parser can resolve paths written in it relative to where it lies. */
    public Path file() {
        return file;
    }

    public void add(Node node, String field, String message) {
        add(YamlNodes.line(node), field, message);
    }

    public void add(int line, String field, String message) {
        found.add(new ConfigProblem(file, line, field, message));
    }

    /** Lets a parser tell whether the part it just read was clean, without tracking that itself. */
    public int count() {
        return found.size();
    }

    /** The problem that makes reading stop right here, for {@code throw}, together with any found before it. */
    public ConfigException fail(int line, String field, String message) {
        add(line, field, message);
        return exception();
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw exception();
        }
    }

    /** In file order, which is how users work through them, however the parser visited the file. */
    private ConfigException exception() {
        List<ConfigProblem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(ConfigProblem::line));
        return new ConfigException(sorted);
    }
}
