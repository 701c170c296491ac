package dev.ferry.local;

import dev.ferry.core.FerryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds server binaries on PATH, in the usual Debian directories, or where an environment variable says. */
final class Binaries {

    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/usr/bin", "/usr/local/bin",
            "/usr/local/sbin", "/sbin", "/bin");

    /** Replaces the system directories searched after PATH, for installs outside the Debian layout. */
    static final String DIRS_ENV = "FERRY_LOCAL_BIN_DIRS";

    private Binaries() {
    }

    /**
     * @param envVar      variable that may point at the binary explicitly (may be null)
     * @param names       candidate executable names, in order of preference
     * @param extraDirs   directories to look in besides PATH and the system ones
     * @param aptPackages Debian packages that provide the binary, for the error message
     */
    static Path find(Map<String, String> env, String envVar, List<String> names, List<String> extraDirs,
            String aptPackages) {
        if (envVar != null && env.get(envVar) != null && !env.get(envVar).isBlank()) {
            Path explicit = Path.of(env.get(envVar));
            if (Files.isExecutable(explicit)) {
                return explicit;
            }
            throw new FerryException(envVar + "=" + explicit + " is not an executable file");
        }
        List<String> dirs = new ArrayList<>(extraDirs);
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isBlank()) {
                dirs.add(dir);
            }
        }
        String override = env.get(DIRS_ENV);
        List<String> systemDirs = override == null ? SYSTEM_DIRS : List.of(override.split(":"));
        dirs.addAll(systemDirs);
        for (String name : names) {
            for (String dir : dirs) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        String hint = envVar == null ? "" : " or set " + envVar + " to its path";
        throw new FerryException(names.get(0) + " not found on PATH or in " + String.join(", ", systemDirs)
                + "; install it with: sudo apt-get install -y " + aptPackages + hint);
    }
}
