package dev.ferry.cli.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cdc.ChangeCounts;
import dev.ferry.cdc.SlotStatus;
import org.junit.jupiter.api.Test;

class CdcStatusLineTest {

    @Test
    void showsRateLagAndTheSlotsRetainedWal() {
        assertThat(CdcStatusLine.format(12_345, 2_469, 180, 1_250, null, new SlotStatus("ferry_shop", true, 3L << 20)))
                .isEqualTo("applied 12,345 changes (2,469/s), lag 180 ms (p99 1.3 s), slot ferry_shop retains 3.0 MiB");
        assertThat(CdcStatusLine.format(7, 0, 0, 0, null, new SlotStatus("ferry_x", false, 5L << 30)))
                .endsWith("slot ferry_x (inactive) retains 5.00 GiB");
        assertThat(CdcStatusLine.format(7, 1, 20, 30, null, null)).doesNotContain("slot");
    }

    @Test
    void namesTheTablesWithDeadLettersAndIgnoredChanges() {
        ChangeCounts counts = new ChangeCounts();
        counts.applied("shop.orders", 10, 2);
        counts.applied("shop.items", 5, 7);
        counts.applied("shop.users", 4, 0);
        counts.ignored("shop.orders_2024");
        assertThat(CdcStatusLine.format(19, 1, 20, 30, counts, null)).isEqualTo("applied 19 changes (1/s), lag 20 ms "
                + "(p99 30 ms), DEAD LETTERS 9 (shop.items 7, shop.orders 2), IGNORED 1 changes of tables the pipeline "
                + "does not select (shop.orders_2024 1)");
        assertThat(CdcStatusLine.summary(counts, "shop._ferry_dead_letters"))
                .contains("shop.items", "shop.orders_2024", "(1 ignored: not selected)")
                .endsWith("9 changes went to shop._ferry_dead_letters (see its error column)\n");
    }

    @Test
    void aLongListOfTablesIsCut() {
        ChangeCounts counts = new ChangeCounts();
        for (int i = 0; i < 8; i++) {
            counts.applied("s.t" + i, 0, i + 1);
        }
        assertThat(CdcStatusLine.format(0, 0, 0, 0, counts, null)).contains("DEAD LETTERS 36 (s.t7 8, s.t6 7, s.t5 6, "
                + "s.t4 5, s.t3 4 and 3 more tables)");
    }
}
