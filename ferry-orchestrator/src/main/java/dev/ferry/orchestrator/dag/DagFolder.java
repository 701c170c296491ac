package dev.ferry.orchestrator.dag;

import dev.ferry.core.config.ConfigException;
import dev.ferry.core.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The DAG files of one folder ({@code *.yaml}, {@code *.yml}, subfolders included). A file is parsed again
 * only when its modification time or size changed, so a scheduler can look every second at no cost.
 */
public final class DagFolder {

    private final Path folder;
    private final DagParser parser;
    private final Map<Path, Parsed> cache = new HashMap<>();

    public DagFolder(Path folder, DagParser parser) {
        this.folder = folder;
        this.parser = parser;
    }

    public Path folder() {
        return folder;
    }

    /** The current state of the folder. A missing folder has no DAGs (and says so as its one error). */
    public synchronized DagSet load() {
        if (!Files.isDirectory(folder)) {
            cache.clear();
            return new DagSet(Map.of(), List.of(new ConfigProblem(folder, 0, "",
                    "the DAG folder does not exist; create it or set orchestrator.dags_folder in the config")));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().matches("(?i).*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return new DagSet(Map.of(), List.of(new ConfigProblem(folder, 0, "", "cannot list the DAG folder: "
                    + e.getMessage())));
        }
        cache.keySet().retainAll(files);
        Map<String, Dag> dags = new TreeMap<>();
        List<ConfigProblem> errors = new ArrayList<>();
        for (Path file : files) {
            Parsed parsed = parse(file);
            errors.addAll(parsed.errors());
            if (parsed.dag() != null) {
                Dag earlier = dags.putIfAbsent(parsed.dag().id(), parsed.dag());
                if (earlier != null) {
                    errors.add(new ConfigProblem(file, 1, "id", "DAG id '" + parsed.dag().id()
                            + "' is already used by " + earlier.file() + "; this file is ignored"));
                }
            }
        }
        errors.sort(Comparator.comparing((ConfigProblem problem) -> problem.file().toString())
                .thenComparingInt(ConfigProblem::line));
        return new DagSet(dags, errors);
    }

    private Parsed parse(Path file) {
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (IOException e) {
            return new Parsed(null, List.of(new ConfigProblem(file, 0, "", "cannot read DAG file: " + e.getMessage())),
                    null, -1);
        }
        Parsed cached = cache.get(file);
        if (cached != null && modified.equals(cached.modified()) && size == cached.size()) {
            return cached;
        }
        Parsed parsed;
        try {
            parsed = new Parsed(parser.parse(file), List.of(), modified, size);
        } catch (ConfigException problems) {
            parsed = new Parsed(null, problems.problems(), modified, size);
        }
        cache.put(file, parsed);
        return parsed;
    }

    private record Parsed(Dag dag, List<ConfigProblem> errors, FileTime modified, long size) {
    }
}
