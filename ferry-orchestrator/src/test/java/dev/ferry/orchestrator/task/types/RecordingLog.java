package dev.ferry.orchestrator.task.types;

import dev.ferry.orchestrator.task.TaskLog;
import java.util.ArrayList;
import java.util.List;

/** A task log that keeps its lines, for assertions; synchronized because syncs log from worker threads. */
final class RecordingLog implements TaskLog {

    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public synchronized void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public synchronized void error(String message) {
        lines.add("ERROR " + message);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized String text() {
        return String.join("\n", lines);
    }
}
