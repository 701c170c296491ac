package dev.ferry.orchestrator.connections;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.OrchestratorConfig;
import dev.ferry.core.config.Secret;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the master key: the config's {@code orchestrator.master_key} reference, else {@code FERRY_MASTER_KEY}
 * (base64), else {@code FERRY_MASTER_KEY_FILE} (a file holding the base64). The environment is a parameter so
 * tests and embedding programs decide what it is.
 */
public final class MasterKeys {

    public static final String ENV = "FERRY_MASTER_KEY";
    public static final String FILE_ENV = "FERRY_MASTER_KEY_FILE";

    static final String HOW_TO_MAKE_ONE = "make one with ferry connections generate-key and set " + ENV
            + " to it, or " + FILE_ENV + " to a file holding it (or orchestrator.master_key in the config to"
            + " ${env:NAME} or ${file:path}); keep it out of the state directory and keep a copy: without it the"
            + " registry's passwords cannot be read";

    private MasterKeys() {
    }

    /** @throws FerryException when there is no key, or what is there is not one */
    public static MasterKey resolve(OrchestratorConfig config, Map<String, String> env) {
        return find(config, env).orElseThrow(() -> new FerryException(
                "no master key: the connection registry encrypts passwords with one; " + HOW_TO_MAKE_ONE));
    }

    /** Empty when no key is configured at all; a configured key that is no key is an error all the same. */
    public static Optional<MasterKey> find(OrchestratorConfig config, Map<String, String> env) {
        Optional<Secret> configured = config.masterKey();
        if (configured.isPresent()) {
            return Optional.of(MasterKey.decode(configured.get().reveal(),
                    "orchestrator.master_key (" + configured.get() + ")"));
        }
        String value = env.get(ENV);
        if (value != null) {
            return Optional.of(MasterKey.decode(value, ENV));
        }
        String file = env.get(FILE_ENV);
        if (file != null) {
            return Optional.of(MasterKey.decode(read(file), "the master key file " + file + " (" + FILE_ENV + ")"));
        }
        return Optional.empty();
    }

    /**
     * Resolved on first use and then kept: commands and tasks that never touch a secret (listing the registry,
     * deleting from it) must work without a key.
     */
    public static Supplier<MasterKey> lazy(OrchestratorConfig config, Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(env);
        return new Supplier<>() {
            private MasterKey key;

            @Override
            public synchronized MasterKey get() {
                if (key == null) {
                    key = resolve(config, copy);
                }
                return key;
            }
        };
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (InvalidPathException e) {
            throw new FerryException(FILE_ENV + " is not a valid path: " + e.getReason());
        } catch (NoSuchFileException e) {
            throw new FerryException("the master key file " + file + " named by " + FILE_ENV + " does not exist");
        } catch (AccessDeniedException e) {
            throw new FerryException("cannot read the master key file " + file + " named by " + FILE_ENV
                    + ": permission denied");
        } catch (IOException e) {
            throw new FerryException("cannot read the master key file " + file + " named by " + FILE_ENV + ": "
                    + e.getMessage(), e);
        }
    }
}
