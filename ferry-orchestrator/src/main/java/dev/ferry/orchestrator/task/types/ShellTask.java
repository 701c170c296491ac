package dev.ferry.orchestrator.task.types;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.YamlMap;
import dev.ferry.orchestrator.task.TaskContext;
import dev.ferry.orchestrator.task.TaskFailure;
import dev.ferry.orchestrator.task.TaskType;
import dev.ferry.orchestrator.task.TemplateQuoting;
import dev.ferry.orchestrator.task.Templates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code type: shell}: runs a command in the work folder, its output going to the task log as it comes.
 * A non-zero exit fails the task with the end of stderr. When the attempt is stopped, the command and
 * every process it started are ended. With {@code output: json} the last line of stdout is the task's
 * output, which is how a script hands values to later tasks.
 */
public final class ShellTask implements TaskType<ShellSettings> {

    static final int STDERR_TAIL = 20;
    /** How long stopped processes get to exit on SIGTERM before SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** How long to wait for output still in the pipes after the command exited. */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final int MAX_JSON_CHARS = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Boolean> OUTPUTS = new TreeMap<>(Map.of("json", true, "text", false));

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public Set<String> fields() {
        return Set.of("command", "args", "env", "cwd", "output");
    }

    @Override
    public Map<String, TemplateQuoting> quotedFields() {
        return Map.of("command", TemplateQuoting.SHELL);
    }

    @Override
    public ShellSettings parse(YamlMap task) {
        int before = task.problems().count();
        YamlFields.bothSet(task, "command", "args");
        String command = task.has("command") ? YamlFields.required(task, "command") : null;
        List<String> args = task.strings("args");
        if (task.has("args") && args.isEmpty() && task.problems().count() == before) {
            task.problems().add(task.value("args").orElseThrow(), task.field("args"), "the list is empty; give the"
                    + " program and its arguments");
        }
        if (!task.has("command") && !task.has("args")) {
            task.problems().add(task.node(), task.field("command"), "set command: (a bash command line) or args:"
                    + " (a program and its arguments, run without a shell)");
        }
        Map<String, String> env = YamlFields.stringMap(task, "env");
        String cwd = YamlFields.optional(task, "cwd");
        boolean json = task.choice("output", false, OUTPUTS);
        return task.problems().count() > before ? null : new ShellSettings(command, args, env, cwd, json);
    }

    @Override
    public Map<String, Object> run(ShellSettings settings, TaskContext context) throws IOException,
            InterruptedException {
        List<String> commandLine = settings.command() != null
                ? List.of("bash", "-c", context.render(settings.command(), TemplateQuoting.SHELL))
                : settings.args().stream().map(context::render).toList();
        Path folder = settings.cwd() == null ? context.workDir()
                : context.workDir().resolve(context.render(settings.cwd())).normalize();
        if (!Files.isDirectory(folder)) {
            throw new FerryException("cwd " + folder + " is not a folder (cwd is relative to the work folder "
                    + context.workDir() + ")");
        }
        ProcessBuilder builder = new ProcessBuilder(commandLine).directory(folder.toFile());
        // secrets are Ferry's, not the command's: a stray `env` or `echo $PG_PASSWORD` would print them into
        // the task log. The command starts from Ferry's environment less every variable a secret came from.
        builder.environment().clear();
        builder.environment().putAll(context.secrets().childEnvironment());
        builder.environment().putAll(runVariables(context));
        // params as variables too: "$FERRY_PARAM_MSG" is data to bash whatever it holds
        context.params().forEach((name, value) -> builder.environment().put(Templates.variable(name),
                value == null ? "" : String.valueOf(value)));
        settings.env().forEach((name, value) -> builder.environment().put(name, context.render(value)));
        context.log().info("running in " + folder + ": " + (settings.command() != null ? commandLine.get(2)
                : String.join(" ", commandLine)));
        Cancellation.check(context, "starting the command");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new FerryException("cannot start " + commandLine.get(0) + ": " + e.getMessage(), e);
        }
        process.getOutputStream().close(); // no input: a command that reads stdin gets end-of-file, not a hang
        LinePump stdout = LinePump.start(process.getInputStream(), 1, line -> context.log().info(line));
        LinePump stderr = LinePump.start(process.getErrorStream(), STDERR_TAIL,
                line -> context.log().info("[stderr] " + line));
        int exitCode = await(process, context);
        boolean drained = stdout.finish(DRAIN) & stderr.finish(DRAIN);
        if (!drained) {
            context.log().warn("a process the command left running in the background still holds its output;"
                    + " not waiting for it");
        }
        String lastLine = stdout.tail().isEmpty() ? "" : stdout.tail().get(0);
        if (exitCode != 0) {
            List<String> errors = stderr.tail();
            throw new TaskFailure("command exited with code " + exitCode + (errors.isEmpty() ? " (no stderr)"
                    : "; last lines of stderr:\n" + String.join("\n", errors)));
        }
        context.log().info("exit code 0");
        if (settings.json()) {
            return jsonOutput(lastLine);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("exit_code", 0);
        output.put("stdout_tail", lastLine.length() <= 1000 ? lastLine : lastLine.substring(0, 1000));
        return output;
    }

    /** What a script may want to know about the run it is part of. */
    private static Map<String, String> runVariables(TaskContext context) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("FERRY_DAG_ID", context.dagId());
        variables.put("FERRY_RUN_ID", context.runId());
        variables.put("FERRY_TASK_ID", context.taskId());
        variables.put("FERRY_TRY_NUMBER", Integer.toString(context.tryNumber()));
        if (context.logicalDate() != null) {
            variables.put("FERRY_LOGICAL_DATE", context.logicalDate().toString());
        }
        variables.values().removeIf(java.util.Objects::isNull);
        return variables;
    }

    /** Waits for the exit; when the attempt is stopped meanwhile, ends the process tree and says so. */
    private static int await(Process process, TaskContext context) throws InterruptedException {
        try {
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (context.cancelled()) {
                    throw stop(process, context, false);
                }
            }
            return process.exitValue();
        } catch (InterruptedException interrupted) {
            throw stop(process, context, true);
        }
    }

    private static FerryException stop(Process process, TaskContext context, boolean byInterrupt) {
        int ended = ProcessTree.destroy(process, GRACE);
        context.log().warn("stopped: ended the command and " + (ended - 1) + " processes it had started");
        if (byInterrupt) {
            Thread.currentThread().interrupt(); // the executor's signal, kept for whoever runs this thread
        }
        return new FerryException("command stopped: the task timed out or its run was cancelled");
    }

    private static Map<String, Object> jsonOutput(String lastLine) {
        if (lastLine.length() > MAX_JSON_CHARS) {
            throw new TaskFailure("output: json takes the last line of stdout as the output, and it has "
                    + lastLine.length() + " characters; keep outputs under " + MAX_JSON_CHARS + " (write bigger"
                    + " results to a table or a file)");
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(lastLine);
        } catch (JsonProcessingException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isObject()) {
            throw new TaskFailure("output: json expects the last line of stdout to be a JSON object such as"
                    + " {\"rows\": 5}, got: "
                    + (lastLine.isEmpty() ? "(no output)" : HttpRequestSpec.head(lastLine, 200)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> output = JSON.convertValue(parsed, LinkedHashMap.class);
        return output;
    }
}
