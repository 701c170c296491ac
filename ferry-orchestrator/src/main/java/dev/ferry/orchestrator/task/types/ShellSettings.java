package dev.ferry.orchestrator.task.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code type: shell} task as its DAG file declares it: exactly one of {@code command} and {@code args}.
 *
 * @param command a bash command line (run with {@code bash -c}), or null
 * @param args    a program and its arguments, run without a shell; empty when {@code command} is set
 * @param env     variables added to the inherited environment
 * @param cwd     the folder to run in, relative to the work folder; null for the work folder itself
 * @param json    the last line of stdout is a JSON object that becomes the task's output
 */
public record ShellSettings(String command, List<String> args, Map<String, String> env, String cwd, boolean json) {

    public ShellSettings {
        args = List.copyOf(args);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        if ((command == null) == args.isEmpty()) {
            throw new IllegalArgumentException("exactly one of command and args");
        }
    }

    /** Shows variable names only: their values may be secrets. */
    @Override
    public String toString() {
        return "ShellSettings[" + (command != null ? "command=" + command : "args=" + args) + ", env=" + env.keySet()
                + ", cwd=" + cwd + ", json=" + json + "]";
    }
}
