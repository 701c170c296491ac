package dev.ferry.orchestrator.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void longSecretsAreMaskedAnywhereAlsoPercentEncodedAndTheLongestFirst() {
        SecretMask mask = SecretMask.of(List.of("s3cret", "s3cret-and-more", "p@ss word"));
        assertThat(mask.apply("pw=s3cret; other=s3cret-and-more; xs3cretx"))
                .isEqualTo("pw=***; other=***; x***x");
        assertThat(mask.apply("https://h/?key=p%40ss+word&x=1")).isEqualTo("https://h/?key=***&x=1");
    }

    @Test
    void shortSecretsAreMaskedOnlyAsWholeTokens() {
        SecretMask mask = SecretMask.of(List.of("ab1"));
        assertThat(mask.apply("table ab1 (ab1) cab1 ab12 ab1")).isEqualTo("table *** (***) cab1 ab12 ***");
    }

    @Test
    void outputsAreMaskedValueByValueKeepingTheirStructure() {
        SecretMask mask = SecretMask.of(List.of("hunter22"));
        Object masked = mask.applyToValues(Map.of("rows", 5, "line", "pw hunter22", "list", List.of("hunter22")));
        assertThat(masked).isEqualTo(Map.of("rows", 5, "line", "pw ***", "list", List.of("***")));
    }

    @Test
    void childEnvironmentsLoseSecretVariablesAndVariablesHoldingASecret() {
        TaskSecrets secrets = new TaskSecrets(Map.of("PG_PASSWORD", "pw-1234", "ALIAS", "pw-1234", "PATH", "/bin",
                "FERRY_MASTER_KEY", "key"), Set.of("PG_PASSWORD", "FERRY_MASTER_KEY"), () -> List.of("pw-1234"));
        assertThat(secrets.childEnvironment()).isEqualTo(Map.of("PATH", "/bin"));
    }
}
