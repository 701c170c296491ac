package dev.ferry.core.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files and folders only their owner may read: Ferry's state (sync positions, CDC offsets and schema history,
 * the orchestrator's store with task logs, local stack passwords) tells where data is and sometimes holds
 * secrets. Folders are made 0700 and files 0600, whatever the process's umask. On file systems without POSIX
 * permissions (Windows) nothing is changed.
 */
public final class OwnerOnly {

    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /**
     * Creates a folder owner-only, or makes an existing one so. Missing parents get the usual modes: they are
     * shared places (a project's {@code .ferry}), and a server running as another user (PostgreSQL of a local
     * stack under root) may have to pass through them.
     */
    public static Path createDirectories(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            try {
                Files.createDirectory(absolute, attributes(absolute));
            } catch (FileAlreadyExistsException raced) {
                // another process made it meanwhile
            }
        }
        restrict(absolute);
        return folder;
    }

    /** Makes one file 0600 or one folder 0700. */
    public static void restrict(Path path) throws IOException {
        if (!posix(path) || Files.isSymbolicLink(path)) {
            return;
        }
        Files.setPosixFilePermissions(path, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? FOLDER : FILE);
    }

    /** Makes a folder and everything under it owner-only (files a server or library created with its own modes). */
    public static void restrictTree(Path root) throws IOException {
        if (!Files.exists(root) || !posix(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                try {
                    restrict(path);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // a temporary file removed while walking
                }
            }
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] attributes(Path folder) {
        return posix(folder) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FOLDER)}
                : new FileAttribute<?>[0];
    }
}
