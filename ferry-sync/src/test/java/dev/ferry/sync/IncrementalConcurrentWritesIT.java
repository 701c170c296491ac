package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.config.FerryConfig;
import dev.ferry.sync.state.StateStore;
import dev.ferry.sync.validate.Validator;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental syncs while the source is being written, with the default settings: updates every few
 * milliseconds (many in the same second as a run's high-water mark, which one-second DATETIME/TIMESTAMP
 * columns cannot tell apart) and transactions that commit a few hundred milliseconds after setting their
 * cursor value (or taking their id), so they land below a mark that a run in between recorded. After the
 * writers stop, one more sync must leave ClickHouse equal to the source, and no run may move a mark back.
 */
@FerryIntegrationTest
class IncrementalConcurrentWritesIT {

    private static final int ROWS = 2000;
    private static final Duration WORKLOAD = Duration.ofSeconds(3);
    private static final Pattern TIMESTAMP = Pattern.compile("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?).*");

    @TempDir
    Path dir;

    @Test
    void mariadbSecondPrecisionCursorsLoseNoUpdate(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        for (String table : List.of("items_dt", "items_ts")) {
            String type = table.equals("items_dt") ? "DATETIME" : "TIMESTAMP";
            f.mariadb("CREATE TABLE " + table + " (id int PRIMARY KEY, n int NOT NULL, updated_at " + type
                            + " NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)",
                    "INSERT INTO " + table + " (id, n) SELECT seq, 0 FROM seq_1_to_" + ROWS);
        }
        Path config = f.config("my", "tables: [items_dt, items_ts]\nmode: incremental\ncursor: updated_at\n"
                + "batch: {rows: 500}");
        // ON UPDATE CURRENT_TIMESTAMP sets the cursor to the statement's second
        String update = "UPDATE %s SET n = n + 1 WHERE id = ?";
        raceAndValidate(f, config, db::mariadbConnection, List.of("items_dt", "items_ts"), update);
    }

    @Test
    void postgresSecondPrecisionCursorsLoseNoUpdate(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        for (String table : List.of("items_ts", "items_tz")) {
            String type = table.equals("items_ts") ? "timestamp(0)" : "timestamptz(0)";
            f.postgres("CREATE TABLE " + table + " (id int PRIMARY KEY, n int NOT NULL, updated_at " + type
                            + " NOT NULL DEFAULT now())",
                    "INSERT INTO " + table + " (id, n) SELECT g, 0 FROM generate_series(1, " + ROWS + ") g");
        }
        Path config = f.config("pg", "tables: [public.items_ts, public.items_tz]\nmode: incremental\n"
                + "cursor: updated_at\nbatch: {rows: 500}");
        // now() is the transaction's start, so a slow transaction's rows carry a time well before its commit
        String update = "UPDATE %s SET n = n + 1, updated_at = now() WHERE id = ?";
        raceAndValidate(f, config, db::postgresConnection, List.of("items_ts", "items_tz"), update);
    }

    @Test
    void mariadbLateCommitsOfLowerIdsAreNotLost(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.mariadb("CREATE TABLE events (id bigint AUTO_INCREMENT PRIMARY KEY, writer int NOT NULL)");
        Path config = f.config("my", "tables: [{name: events, cursor: id}]\nmode: incremental");
        insertRaceAndValidate(f, config, db::mariadbConnection);
    }

    @Test
    void postgresLateCommitsOfLowerIdsAreNotLost(TestDatabases db) throws Exception {
        SyncFixture f = new SyncFixture(db, dir);
        f.postgres("CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, writer int NOT NULL)");
        Path config = f.config("pg", "tables: [{name: public.events, cursor: id}]\nmode: incremental");
        insertRaceAndValidate(f, config, db::postgresConnection);
    }

    /** Two writers update a row every 2 ms; a third holds each update's transaction open 20-300 ms. */
    private void raceAndValidate(SyncFixture f, Path config, ConcurrentWriters.Connector connector,
            List<String> tables, String update) throws Exception {
        ConcurrentWriters.Work quick = (conn, random) -> updateRandomRow(conn, random, tables, update);
        ConcurrentWriters.Work slow = (conn, random) -> {
            conn.setAutoCommit(false);
            updateRandomRow(conn, random, tables, update);
            Thread.sleep(random.nextInt(20, 300)); // a transaction still busy after it set the cursor
            conn.commit();
        };
        ConcurrentWriters writers = new ConcurrentWriters().start("quick-1", connector, quick, 2)
                .start("quick-2", connector, quick, 2).start("slow", connector, slow, 0);
        runSyncsWhileWriting(f, config, writers, false);
        assertThat(writers.units()).as("updates made while syncing").isGreaterThan(500);
    }

    /** Three writers insert rows whose transactions stay open up to 150 ms after taking their id. */
    private void insertRaceAndValidate(SyncFixture f, Path config, ConcurrentWriters.Connector connector)
            throws Exception {
        ConcurrentWriters.Work insert = (conn, random) -> {
            conn.setAutoCommit(false);
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO events (writer) VALUES (?)")) {
                ps.setInt(1, random.nextInt(1000));
                ps.executeUpdate();
            }
            Thread.sleep(random.nextInt(0, 150)); // the id is taken; the commit comes later
            conn.commit();
        };
        ConcurrentWriters writers = new ConcurrentWriters().start("a", connector, insert, 0)
                .start("b", connector, insert, 0).start("c", connector, insert, 0)
                .start("quick", connector, (conn, random) -> {
                    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO events (writer) VALUES (-1)")) {
                        ps.executeUpdate();
                    }
                }, 1);
        runSyncsWhileWriting(f, config, writers, true);
        assertThat(writers.units()).as("inserts made while syncing").isGreaterThan(500);
    }

    private void runSyncsWhileWriting(SyncFixture f, Path config, ConcurrentWriters writers, boolean numeric)
            throws Exception {
        FerryConfig loaded = f.load(config);
        Map<String, List<Comparable<Object>>> marks = new LinkedHashMap<>();
        int runs = 0;
        try (writers) {
            long until = System.nanoTime() + WORKLOAD.toNanos();
            while (System.nanoTime() < until || runs < 6) {
                SyncReport report = f.sync(config, SyncOptions.DEFAULT);
                assertThat(report.deadLetters()).isZero();
                recordMarks(loaded, report, marks, numeric);
                runs++;
            }
            writers.stop();
        }
        recordMarks(loaded, f.sync(config, SyncOptions.DEFAULT), marks, numeric);

        assertThat(new Validator(loaded, loaded.requirePipeline("test")).run(null, t -> { }))
                .isNotEmpty().allSatisfy(t -> assertThat(t.equal()).as(t.toString()).isTrue());
        marks.forEach((table, seen) -> assertThat(seen).as("marks of %s, run after run", table).isSorted());
    }

    private static void updateRandomRow(java.sql.Connection conn, java.util.concurrent.ThreadLocalRandom random,
            List<String> tables, String update) throws java.sql.SQLException {
        String table = tables.get(random.nextInt(tables.size()));
        try (PreparedStatement ps = conn.prepareStatement(update.formatted(table))) {
            ps.setInt(1, random.nextInt(1, ROWS + 1));
            ps.executeUpdate();
        }
    }

    @SuppressWarnings("unchecked")
    private static void recordMarks(FerryConfig config, SyncReport report, Map<String, List<Comparable<Object>>> marks,
            boolean numeric) {
        StateStore state = StateStore.open(config.stateDir(), "test");
        for (TableReport table : report.tables()) {
            String text = state.get(table.table()).orElseThrow().cursorValue();
            Comparable<?> value = numeric ? new BigDecimal(text) : timestamp(text);
            marks.computeIfAbsent(table.table(), t -> new ArrayList<>()).add((Comparable<Object>) value);
        }
    }

    /** The mark's date and time, whatever offset or fraction digits the text carries. */
    private static LocalDateTime timestamp(String text) {
        Matcher m = TIMESTAMP.matcher(text);
        assertThat(m.matches()).as("mark '%s' is a timestamp", text).isTrue();
        return LocalDateTime.parse(m.group(1).replace(' ', 'T'));
    }
}
