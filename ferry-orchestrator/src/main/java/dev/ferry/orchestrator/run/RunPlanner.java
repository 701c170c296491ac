package dev.ferry.orchestrator.run;

import dev.ferry.orchestrator.dag.Dag;
import dev.ferry.orchestrator.dag.TaskDefinition;
import dev.ferry.orchestrator.dag.TriggerRule;
import dev.ferry.orchestrator.store.RunState;
import dev.ferry.orchestrator.store.TaskInstance;
import dev.ferry.orchestrator.store.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, from the states of a run's tasks, which tasks move on: pending ones whose upstream tasks are done
 * become queued (or upstream_failed), retries whose delay passed become queued again, and the run ends when
 * every task has. Pure: the scheduler applies the result with compare-and-set updates.
 */
final class RunPlanner {

    private RunPlanner() {
    }

    record Transition(String taskId, TaskState from, TaskState to) {
    }

    /**
     * @param outcome the run's end state once every task has finished, else empty
     */
    record Plan(List<Transition> transitions, Optional<RunState> outcome) {
    }

    static Plan plan(Dag dag, List<TaskInstance> instances, boolean cancelRequested, Instant now) {
        Map<String, TaskState> states = new HashMap<>();
        instances.forEach(instance -> states.put(instance.taskId(), instance.state()));
        List<Transition> transitions = new ArrayList<>();
        if (cancelRequested) {
            for (TaskInstance instance : instances) {
                if (instance.state() == TaskState.PENDING || instance.state() == TaskState.QUEUED
                        || instance.state() == TaskState.UP_FOR_RETRY) {
                    transitions.add(new Transition(instance.taskId(), instance.state(), TaskState.CANCELLED));
                    states.put(instance.taskId(), TaskState.CANCELLED);
                }
            }
            boolean running = states.values().stream().anyMatch(state -> state == TaskState.RUNNING);
            return new Plan(transitions, running ? Optional.empty() : Optional.of(RunState.CANCELLED));
        }
        for (TaskInstance instance : instances) {
            if (instance.state() == TaskState.UP_FOR_RETRY
                    && instance.nextTryAt().map(at -> !at.isAfter(now)).orElse(true)) {
                transitions.add(new Transition(instance.taskId(), TaskState.UP_FOR_RETRY, TaskState.QUEUED));
                states.put(instance.taskId(), TaskState.QUEUED);
            }
        }
        // dependency order, so an upstream_failed travels down the whole chain in one pass
        for (TaskDefinition task : dag.tasks()) {
            if (states.get(task.id()) != TaskState.PENDING) {
                continue;
            }
            Optional<TaskState> next = next(task, states);
            if (next.isPresent()) {
                transitions.add(new Transition(task.id(), TaskState.PENDING, next.get()));
                states.put(task.id(), next.get());
            }
        }
        boolean allFinished = states.values().stream().allMatch(TaskState::finished);
        Optional<RunState> outcome = !allFinished ? Optional.empty()
                : Optional.of(states.values().stream().allMatch(TaskState::succeeded) ? RunState.SUCCESS
                        : RunState.FAILED);
        return new Plan(transitions, outcome);
    }

    private static Optional<TaskState> next(TaskDefinition task, Map<String, TaskState> states) {
        List<TaskState> upstream = task.dependsOn().stream()
                .map(id -> states.getOrDefault(id, TaskState.SUCCESS))
                .toList();
        if (!upstream.stream().allMatch(TaskState::finished)) {
            if (task.triggerRule() == TriggerRule.ALL_SUCCESS && upstream.stream().anyMatch(RunPlanner::failedEnd)) {
                return Optional.of(TaskState.UPSTREAM_FAILED);
            }
            return Optional.empty();
        }
        if (task.triggerRule() == TriggerRule.ALL_DONE || upstream.stream().allMatch(TaskState::succeeded)) {
            return Optional.of(TaskState.QUEUED);
        }
        return Optional.of(TaskState.UPSTREAM_FAILED);
    }

    private static boolean failedEnd(TaskState state) {
        return state == TaskState.FAILED || state == TaskState.UPSTREAM_FAILED || state == TaskState.CANCELLED;
    }
}
