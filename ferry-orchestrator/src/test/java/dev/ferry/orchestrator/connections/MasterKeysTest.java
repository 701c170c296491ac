package dev.ferry.orchestrator.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.OrchestratorConfig;
import dev.ferry.core.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeysTest {

    @TempDir
    Path dir;

    private final MasterKey first = MasterKey.generate();
    private final MasterKey second = MasterKey.generate();
    private final MasterKey third = MasterKey.generate();

    private OrchestratorConfig config(Optional<Secret> masterKey) {
        OrchestratorConfig defaults = OrchestratorConfig.defaults(dir);
        return new OrchestratorConfig(defaults.dagsFolder(), defaults.storeConnection(), defaults.storeSchema(),
                defaults.concurrency(), defaults.pollInterval(), defaults.lostAfter(), masterKey);
    }

    @Test
    void aKeyDecodesToTheSameKeyAndIdAndShowsOnlyItsId() {
        MasterKey decoded = MasterKey.decode(first.encoded() + "\n", "test");

        assertThat(decoded.id()).isEqualTo(first.id()).matches("[0-9a-f]{16}");
        assertThat(decoded.encoded()).isEqualTo(first.encoded());
        assertThat(Base64.getDecoder().decode(first.encoded())).hasSize(MasterKey.BYTES);
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.toString()).isEqualTo("MasterKey[id=" + first.id() + "]").doesNotContain(first.encoded());
    }

    @Test
    void theConfigComesFirstThenTheVariableThenTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("master.key"), third.encoded() + "\n");
        Map<String, String> env = Map.of(MasterKeys.ENV, second.encoded(), MasterKeys.FILE_ENV, file.toString());

        assertThat(MasterKeys.resolve(config(Optional.of(new Secret(first.encoded(), "${env:X}"))), env).id())
                .isEqualTo(first.id());
        assertThat(MasterKeys.resolve(config(Optional.empty()), env).id()).isEqualTo(second.id());
        assertThat(MasterKeys.resolve(config(Optional.empty()), Map.of(MasterKeys.FILE_ENV, file.toString())).id())
                .isEqualTo(third.id());
    }

    @Test
    void noKeyTellsHowToMakeOne() {
        assertThat(MasterKeys.find(config(Optional.empty()), Map.of())).isEmpty();
        assertThatThrownBy(() -> MasterKeys.resolve(config(Optional.empty()), Map.of()))
                .isInstanceOf(FerryException.class)
                .hasMessageStartingWith("no master key: the connection registry encrypts passwords with one; make one"
                        + " with ferry connections generate-key and set FERRY_MASTER_KEY to it, or FERRY_MASTER_KEY_FILE");
    }

    @Test
    void somethingThatIsNoKeyIsNamedButNotShown() {
        String tooShort = Base64.getEncoder().encodeToString("sixteen-bytes-ab".getBytes());

        assertThatThrownBy(() -> MasterKeys.resolve(config(Optional.empty()), Map.of(MasterKeys.ENV, tooShort)))
                .hasMessage("FERRY_MASTER_KEY is not a master key: expected the base64 of 32 bytes (as ferry"
                        + " connections generate-key prints), got 16 bytes")
                .hasMessageNotContaining(tooShort);
        assertThatThrownBy(() -> MasterKeys.resolve(config(Optional.empty()), Map.of(MasterKeys.ENV, "hunter2!")))
                .hasMessageContaining("FERRY_MASTER_KEY is not a master key").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> MasterKeys.resolve(config(Optional.of(new Secret("hunter2!", "${file:key}"))),
                Map.of()))
                .hasMessageStartingWith("orchestrator.master_key (${file:key}) is not a master key")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aMissingKeyFileIsNamed() {
        Path missing = dir.resolve("nope.key");

        assertThatThrownBy(() -> MasterKeys.resolve(config(Optional.empty()),
                Map.of(MasterKeys.FILE_ENV, missing.toString())))
                .hasMessage("the master key file " + missing + " named by FERRY_MASTER_KEY_FILE does not exist");
    }

    @Test
    void theLazyKeyIsLookedUpOnFirstUseOnly() {
        var key = MasterKeys.lazy(config(Optional.empty()), Map.of());

        assertThatThrownBy(key::get).hasMessageStartingWith("no master key");
        var present = MasterKeys.lazy(config(Optional.empty()), Map.of(MasterKeys.ENV, first.encoded()));
        assertThat(present.get()).isSameAs(present.get());
    }
}
