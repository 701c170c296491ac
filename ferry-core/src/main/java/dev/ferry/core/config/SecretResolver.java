package dev.ferry.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:path}} references, which keep credentials out of config files
 * that get committed and shared. Messages name the variable or file, never a resolved value.
 */
final class SecretResolver {

    static final String LITERAL_PASSWORD = "literal password not allowed; use ${env:NAME} or ${file:path},"
            + " or set allow_plaintext_secrets: true";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(?:env:([A-Za-z_][A-Za-z0-9_]*)|file:([^}]+))}");

    private final Path baseDir;
    private final Map<String, String> env;

    /** @param baseDir what relative {@code ${file:...}} paths are relative to: the config file's directory */
    SecretResolver(Path baseDir, Map<String, String> env) {
        this.baseDir = baseDir;
        this.env = env;
    }

    /** A value that may be a reference (user, host, url); anything else is taken as written. Null if reported. */
    String value(Scalar scalar) {
        return looksLikeReference(scalar.text()) ? resolve(scalar) : scalar.text();
    }

    /** A password, which must be a reference unless plaintext secrets are allowed. Null if reported. */
    Secret password(Scalar scalar, boolean allowPlaintext) {
        String text = scalar.text();
        if (text.isEmpty()) {
            return Secret.NONE;
        }
        if (looksLikeReference(text)) {
            String value = resolve(scalar);
            return value == null ? null : new Secret(value, text);
        }
        if (allowPlaintext) {
            return Secret.literal(text);
        }
        scalar.report(LITERAL_PASSWORD);
        return null;
    }

    private static boolean looksLikeReference(String text) {
        return text.startsWith("${") && text.endsWith("}");
    }

    /** The text is not echoed when it is no valid reference: it may be a password that merely looks like one. */
    private String resolve(Scalar scalar) {
        Matcher reference = REFERENCE.matcher(scalar.text());
        if (!reference.matches()) {
            scalar.report("unsupported reference; use ${env:NAME} or ${file:path}");
            return null;
        }
        return reference.group(1) != null ? fromEnv(reference.group(1), scalar) : fromFile(reference.group(2), scalar);
    }

    private String fromEnv(String name, Scalar scalar) {
        String value = env.get(name);
        if (value == null) {
            scalar.report("environment variable " + name + " is not set");
        }
        return value;
    }

    /** Trailing whitespace is dropped: secret files nearly always end with a newline nobody meant as part of it. */
    private String fromFile(String path, Scalar scalar) {
        Path file;
        try {
            file = baseDir.resolve(path.trim());
        } catch (InvalidPathException invalid) {
            scalar.report("invalid secret file path '" + path + "'");
            return null;
        }
        try {
            return Files.readString(file).stripTrailing();
        } catch (IOException e) {
            scalar.report("cannot read secret file " + file + ": " + IoErrors.describe(e));
            return null;
        }
    }
}
