package dev.ferry.cli.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.config.Secret;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordSourceTest {

    @TempDir
    Path dir;

    private static final InputStream NO_INPUT = InputStream.nullInputStream();

    private static PasswordSource source(java.util.function.Consumer<PasswordSource> set) {
        PasswordSource source = new PasswordSource();
        set.accept(source);
        return source;
    }

    @Test
    void fromAnEnvironmentVariable() {
        Secret secret = PasswordSource.read(source(s -> s.env = "PG_PW"), "shop", true, Map.of("PG_PW", "env-pass"),
                NO_INPUT, Optional.empty());

        assertThat(secret.reveal()).isEqualTo("env-pass");
        assertThat(secret.toString()).isEqualTo("ferry connections add");
        assertThatThrownBy(() -> PasswordSource.read(source(s -> s.env = "UNSET"), "shop", true, Map.of(), NO_INPUT,
                Optional.empty()))
                .hasMessage("--password-env: environment variable UNSET is not set");
    }

    @Test
    void fromAFileWithoutItsTrailingNewline() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "file-pass\n");

        assertThat(PasswordSource.read(source(s -> s.file = file), "shop", true, Map.of(), NO_INPUT, Optional.empty())
                .reveal()).isEqualTo("file-pass");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> PasswordSource.read(source(s -> s.file = empty), "shop", true, Map.of(), NO_INPUT,
                Optional.empty()))
                .hasMessage("password file " + empty + " holds an empty password; for a connection without one, use"
                        + " --no-password");
        assertThatThrownBy(() -> PasswordSource.read(source(s -> s.file = dir.resolve("nope")), "shop", true, Map.of(),
                NO_INPUT, Optional.empty()))
                .hasMessage("--password-file: " + dir.resolve("nope") + " does not exist");
    }

    @Test
    void fromStandardInput() {
        InputStream in = new ByteArrayInputStream("stdin-pass\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(PasswordSource.read(source(s -> s.stdin = true), "shop", true, Map.of(), in, Optional.empty())
                .reveal()).isEqualTo("stdin-pass");
    }

    @Test
    void noneWhenSaidSo() {
        assertThat(PasswordSource.read(source(s -> s.none = true), "shop", true, Map.of(), NO_INPUT, Optional.empty()))
                .isSameAs(Secret.NONE);
    }

    @Test
    void askedAtATerminalWhenNoOptionIsGiven() {
        PasswordSource.Prompt typed = question -> {
            assertThat(question).contains("connection 'shop'");
            return "typed-pass".toCharArray();
        };

        assertThat(PasswordSource.read(null, "shop", true, Map.of(), NO_INPUT, Optional.of(typed)).reveal())
                .isEqualTo("typed-pass");
        assertThat(PasswordSource.read(null, "shop", true, Map.of(), NO_INPUT, Optional.of(question -> new char[0])))
                .isSameAs(Secret.NONE);
    }

    @Test
    void withoutATerminalAnOptionIsNeededUnlessNoneIsExpected() {
        assertThatThrownBy(() -> PasswordSource.read(null, "shop", true, Map.of(), NO_INPUT, Optional.empty()))
                .hasMessage("connection 'shop' needs a password and there is no terminal to ask at: give"
                        + " --password-env NAME, --password-file PATH or --password-stdin (or --no-password)");
        assertThat(PasswordSource.read(null, "events", false, Map.of(), NO_INPUT, Optional.empty()))
                .isSameAs(Secret.NONE);
    }
}
