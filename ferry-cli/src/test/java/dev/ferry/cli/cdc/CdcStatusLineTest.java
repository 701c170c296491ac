package dev.ferry.cli.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cdc.SlotStatus;
import org.junit.jupiter.api.Test;

class CdcStatusLineTest {

    @Test
    void showsRateLagAndTheSlotsRetainedWal() {
        assertThat(CdcStatusLine.format(12_345, 2_469, 180, 1_250, new SlotStatus("ferry_shop", true, 3L << 20)))
                .isEqualTo("applied 12,345 changes (2,469/s), lag 180 ms (p99 1.3 s), slot ferry_shop retains 3.0 MiB");
        assertThat(CdcStatusLine.format(7, 0, 0, 0, new SlotStatus("ferry_x", false, 5L << 30)))
                .endsWith("slot ferry_x (inactive) retains 5.00 GiB");
        assertThat(CdcStatusLine.format(7, 1, 20, 30, null)).doesNotContain("slot");
    }
}
