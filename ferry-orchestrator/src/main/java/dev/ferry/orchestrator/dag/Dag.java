package dev.ferry.orchestrator.dag;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One DAG file, read and checked: tasks exist, dependencies point at tasks of the DAG and form no cycle.
 *
 * @param schedule      empty for DAGs that only run when triggered
 * @param zone          the DAG's time zone: of its schedule and of the {@code ds} date its tasks see
 * @param tasks         in dependency order: every task comes after the ones it depends on
 * @param paramSpecs    the declared run parameters with their types and defaults; a trigger may override them
 * @param maxActiveRuns runs of this DAG at once; further ones wait queued
 * @param startDate     where a catch-up schedule starts; empty: from when the scheduler first saw the DAG
 * @param source        the file's text, kept with each run so a run executes the version it started with
 */
public record Dag(String id, String description, List<String> tags, Optional<CronSchedule> schedule, ZoneId zone,
                  boolean catchup, boolean pausedOnCreation, int maxActiveRuns, ParamSpecs paramSpecs,
                  List<TaskDefinition> tasks, Path file, String source, Optional<Instant> startDate) {

    public Dag {
        Objects.requireNonNull(id, "id");
        tags = List.copyOf(tags);
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(paramSpecs, "paramSpecs");
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(startDate, "startDate");
    }

    /** The defaults of the run parameters. */
    public Map<String, Object> params() {
        return paramSpecs.defaults();
    }

    public Optional<TaskDefinition> task(String taskId) {
        return tasks.stream().filter(task -> task.id().equals(taskId)).findFirst();
    }

    /** The tasks that depend directly on {@code taskId}. */
    public List<TaskDefinition> downstream(String taskId) {
        return tasks.stream().filter(task -> task.dependsOn().contains(taskId)).toList();
    }
}
