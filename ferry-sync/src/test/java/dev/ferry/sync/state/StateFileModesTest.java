package dev.ferry.sync.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sync positions tell where data is: the state folder and its files are the owner's alone, whatever the umask. */
class StateFileModesTest {

    @TempDir
    Path dir;

    @Test
    void theStateFolderIsOwnerOnlyAndItsFilesToo() throws Exception {
        Path stateDir = dir.resolve("made/by/ferry");
        StateStore store = StateStore.open(stateDir, "shop");
        store.put("public.orders", new TableState(TableState.DONE, 1, null, List.of(), Set.of(), false, "42"));
        try (Stream<Path> paths = Files.walk(stateDir)) {
            List<Path> all = paths.toList();
            assertThat(all).anySatisfy(path -> assertThat(Files.isRegularFile(path)).isTrue());
            for (Path path : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
                        .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
            }
        }
    }
}
