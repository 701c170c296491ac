package dev.ferry.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.ServerException;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ClickHouseErrorsTest {

    private static final ClickHouseEndpoint ENDPOINT = new ClickHouseEndpoint("http://ch:8123", "db", "loader", "pw");

    private static ClickHouseException server(int code, int httpStatus) {
        return ClickHouseErrors.classify("insert into t", ENDPOINT,
                new ExecutionException(new ServerException(code, "Code: " + code + ". DB::Exception: boom", httpStatus)));
    }

    @Test
    void overloadAndTooManyPartsAreRetryable() {
        assertThat(server(252, 500).retryable()).isTrue(); // TOO_MANY_PARTS
        assertThat(server(241, 500).retryable()).isTrue(); // MEMORY_LIMIT_EXCEEDED
        assertThat(server(319, 500).retryable()).isTrue(); // UNKNOWN_STATUS_OF_INSERT
        assertThat(server(ServerException.CODE_UNKNOWN, 503).retryable()).isTrue();
    }

    @Test
    void badDataAndBadSqlAreNot() {
        assertThat(server(27, 500).retryable()).isFalse(); // CANNOT_PARSE_INPUT_ASSERTION_FAILED
        assertThat(server(62, 400).retryable()).isFalse(); // SYNTAX_ERROR
        assertThat(server(60, 404).retryable()).isFalse(); // UNKNOWN_TABLE
    }

    @Test
    void authenticationAndPermissionsGetAdvice() {
        ClickHouseException auth = server(516, 401);
        assertThat(auth.retryable()).isFalse();
        assertThat(auth.getMessage()).contains("refused user 'loader'").contains("check the user and password")
                .doesNotContain("pw");
        assertThat(server(497, 500).getMessage()).contains("user 'loader' may not insert into t")
                .contains("grant the privilege");
    }

    @Test
    void networkFailuresAreRetryable() {
        ClickHouseException e = ClickHouseErrors.classify("ping", ENDPOINT, new ConnectException("Connection refused"));
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).startsWith("cannot reach ClickHouse at http://ch:8123 to ping");
    }

    @Test
    void readsTheCodeOfOldAndNewErrorFormats() {
        assertThat(ClickHouseErrors.codeOf("Code: 60, e.displayText() = DB::Exception: Table x doesn't exist")).isEqualTo(60);
        assertThat(ClickHouseErrors.codeOf("Code: 252. DB::Exception: Too many parts")).isEqualTo(252);
        assertThat(ClickHouseErrors.codeOf("something else")).isEqualTo(ServerException.CODE_UNKNOWN);
    }
}
