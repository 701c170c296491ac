package dev.ferry.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.FerryException;
import org.junit.jupiter.api.Test;

class UrlRedactionTest {

    @Test
    void masksTheUserinfoPasswordAndSecretParametersButKeepsTheRest() {
        assertThat(UrlRedaction.redact("http://ferry:s3cr3t@ch.example:8123/?database=shop"))
                .isEqualTo("http://ferry:****@ch.example:8123/?database=shop");
        assertThat(UrlRedaction.redact("https://ch.example:8443/?user=ferry&password=s3cr3t&database=shop"))
                .isEqualTo("https://ch.example:8443/?user=ferry&password=****&database=shop");
        assertThat(UrlRedaction.redact("https://api.example/v1?api_key=abc&X-Amz-Signature=f00&access_token=t#frag"))
                .isEqualTo("https://api.example/v1?api_key=****&X-Amz-Signature=****&access_token=****#frag");
        assertThat(UrlRedaction.redact("jdbc:postgresql://db:5432/shop?user=u&password=p&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/shop?user=u&password=****&ssl=true");
        assertThat(UrlRedaction.redact("http://127.0.0.1:8123")).isEqualTo("http://127.0.0.1:8123");
        // an @ in the path or query is no userinfo
        assertThat(UrlRedaction.redact("http://host/a@b?q=x@y")).isEqualTo("http://host/a@b?q=x@y");
        // a password holding @ or : is masked whole
        assertThat(UrlRedaction.redact("http://u:p@ss:w@host:1/")).isEqualTo("http://u:****@host:1/");
    }

    @Test
    void masksEveryUrlInAText() {
        assertThat(UrlRedaction.redactAll("Connect to http://a:b@h1:8123 failed; then https://h2/?token=xyz: refused"))
                .isEqualTo("Connect to http://a:****@h1:8123 failed; then https://h2/?token=****: refused");
        assertThat(UrlRedaction.redactAll("no url here, password=kept as said")).isEqualTo(
                "no url here, password=kept as said");
        assertThat(UrlRedaction.redactAll(null)).isNull();
    }

    @Test
    void tellsWhetherAUrlCarriesCredentials() {
        assertThat(UrlRedaction.hasCredentials("http://u:p@h")).isTrue();
        assertThat(UrlRedaction.hasCredentials("http://u@h")).isTrue();
        assertThat(UrlRedaction.hasCredentials("http://h/?password=x")).isTrue();
        assertThat(UrlRedaction.hasCredentials("http://h:8123/?database=x")).isFalse();
        assertThat(UrlRedaction.userinfo("http://h/a@b")).isNull();
    }

    @Test
    void ferryExceptionsNeverCarryUrlCredentials() {
        assertThat(new FerryException("cannot reach http://ferry:s3cr3t@ch:8123").getMessage())
                .isEqualTo("cannot reach http://ferry:****@ch:8123");
        assertThat(new FerryException("x https://h/?key=k", null).getMessage()).isEqualTo("x https://h/?key=****");
    }
}
