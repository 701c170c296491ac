package dev.ferry.orchestrator.task.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @Test
    void referencesResolveInsideTextsAndAreReportedAsSecrets(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("key.txt"), "file-secret\n");
        SecretReferences references = new SecretReferences(Map.of("TOKEN", "t0k3n")::get, dir);
        SecretReferences.Resolved header = references.resolve("Bearer ${env:TOKEN}", "headers.Authorization");
        assertThat(header).isEqualTo(new SecretReferences.Resolved("Bearer t0k3n", List.of("t0k3n")));
        assertThat(references.resolve("${file:key.txt}", "params.key").text()).isEqualTo("file-secret");
        assertThat(references.resolve("plain", "url")).isEqualTo(new SecretReferences.Resolved("plain", List.of()));
    }

    @Test
    void messagesNameTheReferenceNeverAValue(@TempDir Path dir) {
        SecretReferences references = new SecretReferences(Map.<String, String>of()::get, dir);
        assertThatThrownBy(() -> references.resolve("Bearer ${env:MISSING}", "headers.Authorization"))
                .hasMessage("headers.Authorization: environment variable MISSING is not set");
        assertThatThrownBy(() -> references.resolve("${file:nope.txt}", "params.key"))
                .hasMessageStartingWith("params.key: cannot read secret file nope.txt");
        assertThat(SecretReferences.problem("${vault:x}")).contains("unsupported reference ${vault:...}; use"
                + " ${env:NAME} or ${file:path}");
        assertThat(SecretReferences.problem("${env:1BAD}")).isPresent();
        assertThat(SecretReferences.problem("${env:GOOD} and ${file:a/b}")).isEmpty();
    }

    @Test
    void redactorBlanksSecretsAlsoWhenPercentEncoded() {
        Redactor redactor = Redactor.of(List.of("s3cr3t", "a b&c", ""));
        assertThat(redactor.redact("GET http://api/x?key=s3cr3t&q=a+b%26c answered 401: bad key s3cr3t"))
                .isEqualTo("GET http://api/x?key=****&q=**** answered 401: bad key ****");
        assertThat(redactor.redact(null)).isNull();
    }
}
