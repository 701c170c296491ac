package dev.ferry.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ferry.core.FerryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state file of a local stack ({@code stack.json} in the state directory): one entry per service it
 * started. Written atomically so that a crash mid-write never leaves a half file behind.
 */
public record StackState(List<ServiceState> services) {

    static final String FILE_NAME = "stack.json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public StackState {
        services = List.copyOf(services);
    }

    public static StackState empty() {
        return new StackState(List.of());
    }

    public Optional<ServiceState> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public StackState with(ServiceState state) {
        Map<String, ServiceState> byName = new LinkedHashMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        byName.put(state.name(), state);
        return new StackState(List.copyOf(byName.values()));
    }

    public static StackState load(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return empty();
        }
        try {
            return JSON.readValue(file.toFile(), StackState.class);
        } catch (IOException e) {
            throw new FerryException("cannot read local stack state " + file + ": " + e.getMessage()
                    + " (delete the file if the stack is not running)", e);
        }
    }

    public void save(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        Path tmp = stateDir.resolve(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(stateDir);
            JSON.writeValue(tmp.toFile(), this);
            dev.ferry.core.files.OwnerOnly.restrict(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new FerryException("cannot write local stack state " + file + ": " + e.getMessage(), e);
        }
    }
}
