package dev.ferry.cdc;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;

/**
 * Kafka Connect's file offset store, written atomically. The original truncates the file and writes it in
 * place; a {@code kill -9} in between leaves a partial file, which it then reads as "no offsets at all": a
 * MySQL/MariaDB stream restarted at the current binlog position and lost the changes made while Ferry was
 * down (seen once in CdcKillIT). Here the file is written beside it, synced, and moved over it in one step;
 * the format is the original's, so existing offset files keep working.
 */
public final class AtomicFileOffsetStore extends FileOffsetBackingStore {

    private Path file;

    public AtomicFileOffsetStore() {
        super(keyConverter());
    }

    /** The key converter Debezium's embedded engine gives the original store. */
    private static JsonConverter keyConverter() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), true);
        return converter;
    }

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        file = Path.of(config.getString("offset.storage.file.filename"));
    }

    @Override
    protected void save() {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Map<byte[], byte[]> raw = new HashMap<>();
            for (Map.Entry<ByteBuffer, ByteBuffer> entry : data.entrySet()) {
                raw.put(entry.getKey() == null ? null : entry.getKey().array(),
                        entry.getValue() == null ? null : entry.getValue().array());
            }
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(tmp))) {
                out.writeObject(raw);
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ConnectException("cannot store the stream position in " + file + ": " + e.getMessage(), e);
        }
    }
}
