package dev.ferry.orchestrator.task.types;

import dev.ferry.core.FerryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:path}} inside task settings (an API token in a header, a
 * key in a query parameter), the same references the config file uses for passwords, so DAG files that
 * get committed hold no credentials. What was resolved is reported as a secret, for {@link Redactor}.
 * Messages name the variable or file, never a value.
 */
final class SecretReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z]+):([^}]*)}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Function<String, String> env;
    private final Path baseDir;

    /** @param baseDir where relative {@code ${file:...}} paths start */
    SecretReferences(Function<String, String> env, Path baseDir) {
        this.env = env;
        this.baseDir = baseDir;
    }

    /**
     * A text with its references replaced.
     *
     * @param secrets the values the references resolved to
     */
    record Resolved(String text, List<String> secrets) {
    }

    /** A problem with how a text writes its references, for parse time; empty when they are fine. */
    static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher reference = REFERENCE.matcher(text);
        while (reference.find()) {
            String kind = reference.group(1);
            if (kind.equals("env") && !ENV_NAME.matcher(reference.group(2)).matches()) {
                return Optional.of("${env:" + reference.group(2) + "} is no environment variable name");
            }
            if (!kind.equals("env") && !kind.equals("file")) {
                return Optional.of("unsupported reference ${" + kind + ":...}; use ${env:NAME} or ${file:path}");
            }
        }
        return Optional.empty();
    }

    /** @param where the setting, such as {@code headers.Authorization}, for messages */
    Resolved resolve(String text, String where) {
        if (text == null || !text.contains("${")) {
            return new Resolved(text, List.of());
        }
        List<String> secrets = new ArrayList<>();
        Matcher reference = REFERENCE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            String value = reference.group(1).equals("env") ? fromEnv(reference.group(2), where)
                    : fromFile(reference.group(2), where);
            secrets.add(value);
            reference.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        reference.appendTail(resolved);
        return new Resolved(resolved.toString(), secrets);
    }

    private String fromEnv(String name, String where) {
        String value = env.apply(name);
        if (value == null) {
            throw new FerryException(where + ": environment variable " + name + " is not set");
        }
        return value;
    }

    /** Trailing whitespace is dropped: secret files nearly always end with a newline nobody meant as part of it. */
    private String fromFile(String path, String where) {
        try {
            return Files.readString(baseDir.resolve(path.trim())).stripTrailing();
        } catch (IOException | InvalidPathException e) {
            throw new FerryException(where + ": cannot read secret file " + path.trim() + " (relative to "
                    + baseDir + "): " + e.getClass().getSimpleName());
        }
    }
}
