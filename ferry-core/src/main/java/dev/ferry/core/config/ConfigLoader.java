package dev.ferry.core.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a Ferry config file. The YAML is composed into nodes rather than bound to objects, so every value
 * keeps its line number for the messages; all problems are collected and thrown together as a
 * {@link ConfigException}.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** Resolves {@code ${env:NAME}} references against this process's environment. */
    public static FerryConfig load(Path file) {
        return load(file, System.getenv());
    }

    /** @param env what {@code ${env:NAME}} references resolve against */
    public static FerryConfig load(Path file, Map<String, String> env) {
        return load(file, env, null, true);
    }

    /**
     * Like {@link #load(Path, Map)}, but a pipeline may also name a connection of {@code directory} (the
     * connection registry). The directory is opened only when a pipeline names a connection the file does not
     * declare, and closed before this returns; the config's {@link FerryConfig#connections()} then hold the
     * ones taken from it after the file's own.
     */
    public static FerryConfig load(Path file, Map<String, String> env, ConnectionDirectory.Source directory) {
        return load(file, env, Objects.requireNonNull(directory, "directory"), true);
    }

    /**
     * Reads the settings and connections but not the pipelines ({@link FerryConfig#pipelines()} is empty), for
     * commands that manage what pipelines refer to: {@code ferry connections add} must work while a pipeline
     * already names the connection it is about to add.
     */
    public static FerryConfig loadSettings(Path file, Map<String, String> env) {
        return load(file, env, null, false);
    }

    private static FerryConfig load(Path file, Map<String, String> env, ConnectionDirectory.Source directory,
                                    boolean readPipelines) {
        Path absolute = file.toAbsolutePath().normalize();
        Problems problems = new Problems(absolute);
        return new ConfigParser(absolute, problems, Map.copyOf(env), directory, readPipelines)
                .parse(compose(absolute, problems));
    }

    /** The file is small, so it is read whole first: read errors and YAML errors then come apart cleanly. */
    public static Node compose(Path file, Problems problems) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw problems.fail(0, "", "cannot read config: " + IoErrors.describe(e));
        }
        return compose(file, text, problems);
    }

    /** Composes YAML text read elsewhere; {@code file} is only for the messages. */
    public static Node compose(Path file, String text, Problems problems) {
        try {
            return new Yaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw problems.fail(line(e.getProblemMark()), "", "invalid YAML: " + describe(e));
        } catch (YAMLException e) {
            // limits such as the alias count come without a position
            throw problems.fail(0, "", "invalid YAML: " + e.getMessage());
        }
    }

    private static int line(Mark mark) {
        return mark == null ? 0 : mark.getLine() + 1;
    }

    /**
     * SnakeYAML's context comes first ("while parsing a flow mapping, expected ',' or '}'"), with where it
     * began when that is another line: an unclosed bracket is reported where parsing gave up, not where it opened.
     */
    private static String describe(MarkedYAMLException e) {
        if (e.getContext() == null) {
            return e.getProblem();
        }
        int contextLine = line(e.getContextMark());
        boolean elsewhere = contextLine > 0 && contextLine != line(e.getProblemMark());
        return e.getContext() + (elsewhere ? " started at line " + contextLine : "") + ", " + e.getProblem();
    }
}
