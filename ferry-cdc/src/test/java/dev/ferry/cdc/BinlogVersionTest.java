package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BinlogVersionTest {

    @Test
    void growsWithRowEventAndFile() {
        long first = BinlogVersion.of("mysql-bin.000004", 3605, 0);
        assertThat(BinlogVersion.of("mysql-bin.000004", 3605, 1)).isGreaterThan(first);
        // even the largest row index of an event stays below the next event (one byte per row at least)
        assertThat(BinlogVersion.of("mysql-bin.000004", 3605, 4095)).isLessThan(BinlogVersion.of("mysql-bin.000004", 3606, 0));
        assertThat(BinlogVersion.of("mysql-bin.000005", 4, 0)).isGreaterThan(BinlogVersion.of("mysql-bin.000004", 0xFFFF_FFFFL, 9));
        assertThat(BinlogVersion.of("host-bin.524287", 0xFFFF_FFFFL, 4095)).isPositive();
    }

    @Test
    void rejectsPositionsOutsideTheRange() {
        assertThatThrownBy(() -> BinlogVersion.of("mysql-bin.524288", 4, 0)).hasMessageContaining("out of");
        assertThatThrownBy(() -> BinlogVersion.of("mysql-bin", 4, 0)).hasMessageContaining("numeric suffix");
    }
}
