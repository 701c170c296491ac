package dev.ferry.cli.connections;

import dev.ferry.core.FerryException;
import dev.ferry.orchestrator.connections.MasterKey;
import dev.ferry.orchestrator.connections.MasterKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry connections generate-key}: a new random master key. The key alone goes to stdout (or a file),
 * the advice to stderr, so {@code ferry connections generate-key > key} captures just the key.
 */
@Command(name = "generate-key", mixinStandardHelpOptions = true,
        description = "Print a new random master key (base64 of 32 bytes) for encrypting the registry's passwords.")
public final class GenerateKeyCommand implements Callable<Integer> {

    @Option(names = "--file", paramLabel = "PATH", description = "Write the key to a new file readable only by you"
            + " instead of printing it.")
    Path file;

    @Override
    public Integer call() {
        MasterKey key = MasterKey.generate();
        if (file == null) {
            System.out.println(key.encoded());
            System.err.println("This is a new master key (id " + key.id() + "). Give it to Ferry with\n"
                    + "  export " + MasterKeys.ENV + "=<the key above>\n"
                    + "or keep it in a file readable only by you and set " + MasterKeys.FILE_ENV + "=<that file>.");
        } else {
            write(key);
            System.err.println("Wrote a new master key (id " + key.id() + ") to " + file + ". Give it to Ferry with\n"
                    + "  export " + MasterKeys.FILE_ENV + "=" + file.toAbsolutePath());
        }
        System.err.println("Keep it out of the state directory and out of version control, and keep a copy in"
                + " your secret store: without it the registry's passwords cannot be read.");
        return 0;
    }

    /** Created with owner-only permissions from the start, and never over an existing key. */
    private void write(MasterKey key) {
        byte[] text = (key.encoded() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.write(file, text, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new FerryException(file + " already exists; not overwriting what may be the key of a registry");
        } catch (IOException e) {
            throw new FerryException("cannot write the master key to " + file + ": " + e.getMessage(), e);
        }
    }
}
