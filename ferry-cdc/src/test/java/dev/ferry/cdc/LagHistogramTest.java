package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LagHistogramTest {

    @Test
    void percentilesWeighChangesNotBatches() {
        LagHistogram lag = new LagHistogram();
        lag.record(35, 90);   // 90 changes about 35 ms late
        lag.record(1_500, 9); // 9 changes 1.5 s late
        lag.record(4_000, 1); // one straggler
        assertThat(lag.count()).isEqualTo(100);
        assertThat(lag.percentile(0.5)).isEqualTo(40);
        assertThat(lag.percentile(0.95)).isEqualTo(1_510);
        assertThat(lag.percentile(1.0)).isEqualTo(4_010);
        lag.reset();
        assertThat(lag.percentile(0.99)).isZero();
    }
}
