package dev.ferry.sync.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ferry.core.FerryException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per-pipeline sync state in {@code <state_dir>/<pipeline>.json}: one {@link TableState} per source table.
 * Every change is written to a temporary file, forced to disk and atomically renamed, so a kill at any
 * moment leaves either the old or the new state, never a torn one. Thread-safe, also across instances: a CDC
 * pipeline's initial snapshot and a table re-read by its change applier hold stores of the same file, so every
 * change reads the file again under a lock per file and writes it back with only its own table changed (a
 * store writing its whole cached map lost the other's table).
 */
public final class StateStore {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    /** One lock per state file for all stores of this process. */
    private static final Map<Path, Object> FILE_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path file;
    private final Map<String, TableState> tables;

    private StateStore(Path file, Map<String, TableState> tables) {
        this.file = file;
        this.tables = tables;
    }

    public static StateStore open(Path stateDir, String pipeline) {
        Path file = stateDir.resolve(pipeline + ".json");
        return new StateStore(file, read(file));
    }

    private static TreeMap<String, TableState> read(Path file) {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, TableState>>() {
            });
        } catch (IOException e) {
            throw new FerryException("cannot read sync state " + file + ": " + e.getMessage()
                    + "; fix or delete it (deleting makes the next run start over with a full snapshot)", e);
        }
    }

    private Object fileLock() {
        return FILE_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new Object());
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<TableState> get(String table) {
        return Optional.ofNullable(tables.get(table));
    }

    public synchronized void put(String table, TableState state) {
        synchronized (fileLock()) {
            Map<String, TableState> current = read(file);
            current.put(table, state);
            save(current);
            tables.clear();
            tables.putAll(current);
        }
    }

    public synchronized void remove(String table) {
        synchronized (fileLock()) {
            Map<String, TableState> current = read(file);
            if (current.remove(table) != null) {
                save(current);
            }
            tables.clear();
            tables.putAll(current);
        }
    }

    private void save(Map<String, TableState> tables) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            // positions tell where data is: the state folder and its files are the owner's alone
            dev.ferry.core.files.OwnerOnly.createDirectories(file.getParent());
            byte[] bytes = JSON.writeValueAsBytes(tables);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            dev.ferry.core.files.OwnerOnly.restrict(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new FerryException("cannot write sync state " + file + ": " + e.getMessage(), e);
        }
    }
}
