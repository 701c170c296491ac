package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BinlogCommitPointsTest {

    private static Map<String, Object> offset(long restartPos, int row) {
        return Map.of("file", "mysql-bin.000004", "pos", restartPos, "row", row, "server_id", 1L);
    }

    @Test
    void rowsOfOneEventAreNotARestartPointUntilTheEventEnds() {
        BinlogCommitPoints points = new BinlogCommitPoints();
        assertThat(points.offer("mysql-bin.000004", 100, offset(200, 1))).isNull();
        assertThat(points.offer("mysql-bin.000004", 100, offset(200, 2))).isNull();
        // next change is from an event after the table-map at 200: restart at 200 without skipping rows
        assertThat(points.offer("mysql-bin.000004", 260, offset(300, 1)))
                .isEqualTo(Map.of("file", "mysql-bin.000004", "pos", 200L, "server_id", 1L));
    }

    @Test
    void aRowsEventRightAtTheRestartPositionMakesItUnsafe() {
        BinlogCommitPoints points = new BinlogCommitPoints();
        points.offer("mysql-bin.000004", 100, offset(200, 3));
        // the statement continues in a second rows event at 200, which needs the table map before it
        assertThat(points.offer("mysql-bin.000004", 200, offset(300, 1))).isNull();
        assertThat(points.offer("mysql-bin.000004", 350, offset(400, 1))).containsEntry("pos", 300L)
                .doesNotContainKey("row");
    }

    @Test
    void theLastChangeSeenIsNeverARestartPointYet() {
        BinlogCommitPoints points = new BinlogCommitPoints();
        assertThat(points.offer("mysql-bin.000004", 100, offset(200, 1))).isNull();
        assertThat(points.offer("mysql-bin.000005", 4, Map.of("file", "mysql-bin.000005", "pos", 90L, "row", 1)))
                .containsEntry("file", "mysql-bin.000004").containsEntry("pos", 200L);
    }
}
