package dev.ferry.cli.connections;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the password of a connection being added comes from. Never a plain argument: that would stay in shell
 * history and be readable by every user in the process list. Exclusive (a picocli group); none given means a
 * prompt without echo when there is a terminal.
 */
public final class PasswordSource {

    /** What {@link Secret#toString()} shows for a password given to {@code ferry connections add}. */
    static final String SOURCE = "ferry connections add";

    @Option(names = "--password-env", paramLabel = "NAME", description = "Read the password from environment"
            + " variable NAME.")
    String env;

    @Option(names = "--password-file", paramLabel = "PATH", description = "Read the password from a file (trailing"
            + " whitespace dropped).")
    Path file;

    @Option(names = "--password-stdin", description = "Read the password from standard input (trailing whitespace"
            + " dropped).")
    boolean stdin;

    @Option(names = "--no-password", description = "The connection has no password (trust authentication, Kafka"
            + " without SASL).")
    boolean none;

    /** Asks for a password without echoing it. */
    @FunctionalInterface
    interface Prompt {
        char[] ask(String question);
    }

    /**
     * @param options  null when no password option was given
     * @param required false when a connection may well have no password (Kafka without a user): no prompt then
     * @param prompt   empty when there is no terminal to ask at
     * @return {@link Secret#NONE} for no password
     */
    static Secret read(PasswordSource options, String connection, boolean required, Map<String, String> env,
                       InputStream in, Optional<Prompt> prompt) {
        if (options == null) {
            if (prompt.isPresent() && required) {
                return fromPrompt(connection, prompt.get());
            }
            if (!required) {
                return Secret.NONE;
            }
            throw new FerryException("connection '" + connection + "' needs a password and there is no terminal to"
                    + " ask at: give --password-env NAME, --password-file PATH or --password-stdin (or --no-password)");
        }
        if (options.none) {
            return Secret.NONE;
        }
        if (options.env != null) {
            String value = env.get(options.env);
            if (value == null) {
                throw new FerryException("--password-env: environment variable " + options.env + " is not set");
            }
            return nonEmpty(value, "environment variable " + options.env);
        }
        if (options.file != null) {
            return nonEmpty(readFile(options.file).stripTrailing(), "password file " + options.file);
        }
        try {
            return nonEmpty(new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing(), "standard input");
        } catch (IOException e) {
            throw new FerryException("--password-stdin: cannot read standard input: " + e.getMessage(), e);
        }
    }

    private static Secret fromPrompt(String connection, Prompt prompt) {
        char[] typed = prompt.ask("Password for connection '" + connection + "' (input hidden; empty for none): ");
        if (typed == null) {
            throw new FerryException("no password entered for connection '" + connection + "'");
        }
        try {
            return typed.length == 0 ? Secret.NONE : new Secret(new String(typed), SOURCE);
        } finally {
            Arrays.fill(typed, ' ');
        }
    }

    /** An empty value is almost always a mistake (an unset variable exported empty); --no-password says so. */
    private static Secret nonEmpty(String value, String where) {
        if (value.isEmpty()) {
            throw new FerryException(where + " holds an empty password; for a connection without one, use"
                    + " --no-password");
        }
        return new Secret(value, SOURCE);
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new FerryException("--password-file: " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new FerryException("--password-file: cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new FerryException("--password-file: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The terminal to prompt at, if any. Since Java 22 {@link System#console()} also answers when input is
     * redirected, so its {@code isTerminal()} (looked up reflectively: Ferry is compiled for Java 21) decides.
     */
    static Optional<Prompt> terminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        try {
            Object terminal = java.io.Console.class.getMethod("isTerminal").invoke(console);
            if (Boolean.FALSE.equals(terminal)) {
                return Optional.empty();
            }
        } catch (ReflectiveOperationException java21) {
            // before Java 22 a console is only there for a terminal
        }
        return Optional.of(question -> console.readPassword("%s", question));
    }
}
