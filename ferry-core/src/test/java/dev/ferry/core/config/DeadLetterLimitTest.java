package dev.ferry.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadLetterLimitTest {

    @Test
    void theDefaultAllowsNone() {
        assertThat(DeadLetterLimit.NONE_ALLOWED.exceededBy(0, 1000)).isFalse();
        assertThat(DeadLetterLimit.NONE_ALLOWED.exceededBy(1, 1_000_000)).isTrue();
        assertThat(DeadLetterLimit.NONE_ALLOWED.describe()).isEqualTo("0 (any dead letter fails the run)");
    }

    @Test
    void aCountAllowsUpToThatMany() {
        DeadLetterLimit limit = DeadLetterLimit.ofRows(100);
        assertThat(limit.exceededBy(100, 100)).isFalse();
        assertThat(limit.exceededBy(101, 1_000_000)).isTrue();
        assertThat(limit.text()).isEqualTo("100");
        assertThat(limit.describe()).isEqualTo("100 rows");
    }

    @Test
    void aRatioIsOfTheRowsRead() {
        DeadLetterLimit limit = DeadLetterLimit.ofRatio(0.01);
        assertThat(limit.exceededBy(10, 1000)).isFalse();
        assertThat(limit.exceededBy(11, 1000)).isTrue();
        assertThat(limit.exceededBy(0, 0)).isFalse();
        // a run that read only bad rows is all dead letters, whatever it read
        assertThat(limit.exceededBy(3, 0)).isTrue();
        assertThat(limit.text()).isEqualTo("1%");
        assertThat(DeadLetterLimit.ofRatio(0.005).text()).isEqualTo("0.5%");
        assertThat(DeadLetterLimit.ofRatio(1).exceededBy(300_024, 300_024)).isFalse();
        assertThat(limit.describe()).isEqualTo("1% of the rows read");
    }
}
