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
 * moment leaves either the old or the new state, never a torn one. Thread-safe.
 */
public final class StateStore {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path file;
    private final Map<String, TableState> tables;

    private StateStore(Path file, Map<String, TableState> tables) {
        this.file = file;
        this.tables = tables;
    }

    public static StateStore open(Path stateDir, String pipeline) {
        Path file = stateDir.resolve(pipeline + ".json");
        if (!Files.exists(file)) {
            return new StateStore(file, new TreeMap<>());
        }
        try {
            Map<String, TableState> loaded = JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, TableState>>() {
            });
            return new StateStore(file, loaded);
        } catch (IOException e) {
            throw new FerryException("cannot read sync state " + file + ": " + e.getMessage()
                    + "; fix or delete it (deleting makes the next run start over with a full snapshot)", e);
        }
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<TableState> get(String table) {
        return Optional.ofNullable(tables.get(table));
    }

    public synchronized void put(String table, TableState state) {
        tables.put(table, state);
        save();
    }

    public synchronized void remove(String table) {
        if (tables.remove(table) != null) {
            save();
        }
    }

    private void save() {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = JSON.writeValueAsBytes(tables);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new FerryException("cannot write sync state " + file + ": " + e.getMessage(), e);
        }
    }
}
