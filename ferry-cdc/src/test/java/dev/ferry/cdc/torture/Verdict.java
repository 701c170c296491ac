package dev.ferry.cdc.torture;

import dev.ferry.cdc.CdcRunner;
import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.core.config.PipelineConfig;
import dev.ferry.sync.validate.TableValidation;
import dev.ferry.sync.validate.Validator;
import dev.ferry.testing.SourceDb;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What "done" means for a scenario after each phase: Ferry's {@link Validator} (what {@code ferry validate}
 * runs) finds every table equal, {@code _ferry_dead_letters} holds exactly the rows the docs say cannot be
 * written (each with its key and a JSON payload), a CDC pipeline has not failed, and the scenario's own
 * checks pass. Findings are collected; {@link #assertClean()} fails with all of them.
 */
final class Verdict {

    /** After the marker arrived, how long a CDC table may still take to become equal (the rest of its batch). */
    private static final long SETTLE_NANOS = 3_000_000_000L;

    private final FerryConfig config;
    private final PipelineConfig pipeline;
    private final Scenario scenario;
    private final Mode mode;
    private final SourceDb source;
    private final List<String> problems = new ArrayList<>();
    private Throwable firstError;

    Verdict(FerryConfig config, PipelineConfig pipeline, Scenario scenario, Mode mode, SourceDb source) {
        this.config = config;
        this.pipeline = pipeline;
        this.scenario = scenario;
        this.mode = mode;
        this.source = source;
    }

    void check(String when, int phase, ClickHouseGateway clickhouse, CdcRunner runner) throws Exception {
        if (runner != null && runner.failure() != null) {
            fail(when + ": the CDC pipeline failed: " + causes(runner.failure()), runner.failure());
        }
        List<TableValidation> validations;
        try {
            validations = validate(runner != null);
        } catch (RuntimeException e) {
            fail(when + ": ferry validate failed: " + causes(e), e);
            validations = List.of();
        }
        for (TableValidation table : validations) {
            // rows that are only dead letters are checked one by one against the scenario's documented ones below
            if (!table.passes(true)) {
                fail(when + ": ferry validate says " + table.table() + " is NOT equal: " + summary(table) + "\n"
                        + TargetDiff.describe(config, pipeline, table.table(), mode == Mode.CDC), null);
            } else if (table.problem() == null) {
                checkRowCount(when, table, clickhouse);
            }
        }
        checkDeadLetters(when, phase, clickhouse);
        for (Scenario.Check check : scenario.checks()) {
            String problem = check.problem(source, clickhouse, mode);
            if (problem != null) {
                fail(when + ": " + problem, null);
            }
        }
    }

    /** The validator's verdict; a CDC target is given a moment to take the rest of the marker's batch. */
    private List<TableValidation> validate(boolean settle) {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (true) {
            List<TableValidation> result = new Validator(config, pipeline).run(null, t -> { });
            if (!settle || result.stream().allMatch(TableValidation::equal) || System.nanoTime() > deadline) {
                return result;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
        }
    }

    /**
     * The validator compares the key range it finds at the source (min..max of a numeric key), so rows that
     * ClickHouse still holds outside that range (after a TRUNCATE, or deletes at either end) escape it. The
     * number of current rows on both sides must agree as well.
     */
    private void checkRowCount(String when, TableValidation table, ClickHouseGateway clickhouse) {
        String target = ClickHouseGateway.quoteIdentifier(table.table().substring(table.table().lastIndexOf('.') + 1));
        long current = clickhouse.queryLong("SELECT count() FROM " + target + " FINAL"
                + (mode == Mode.CDC ? " WHERE _is_deleted = 0" : ""));
        if (current != table.sourceRows() - table.unwritable()) {
            fail(when + ": ferry validate says " + table.table() + " is equal, but ClickHouse holds " + current
                    + " current rows for " + table.sourceRows() + " source rows (" + table.unwritable()
                    + " unwritable): rows outside the key range the validator compares\n"
                    + TargetDiff.describe(config, pipeline, table.table(), mode == Mode.CDC), null);
        }
    }

    private static String summary(TableValidation t) {
        return "source " + t.sourceRows() + " rows, clickhouse " + t.clickhouseRows() + " rows, " + t.mismatchedRows()
                + " mismatched (missing keys " + t.missing() + ", extra keys " + t.extra() + ", different keys "
                + t.different() + "), " + t.unwritable() + " unwritable" + (t.problem() == null ? "" : ", " + t.problem());
    }

    private void checkDeadLetters(String when, int phase, ClickHouseGateway clickhouse) {
        List<List<String>> letters = clickhouse.queryAll("SELECT DISTINCT source_table, row_key, error, "
                + "substring(payload, 1, 200) FROM _ferry_dead_letters ORDER BY source_table, row_key, error");
        Set<ExpectedDeadLetter> seen = new LinkedHashSet<>();
        List<String> unexpected = new ArrayList<>();
        List<String> keyless = new ArrayList<>();
        List<String> notJson = new ArrayList<>();
        for (List<String> letter : letters) {
            String table = letter.get(0);
            String key = letter.get(1);
            String error = letter.get(2);
            String payload = letter.get(3);
            List<ExpectedDeadLetter> matching = expectedDeadLetters().stream()
                    .filter(e -> e.phase() <= phase && e.matches(table, key, error)).toList();
            if (matching.isEmpty()) {
                unexpected.add(table + " key '" + key + "': " + error + " (payload " + payload + ")");
            }
            seen.addAll(matching);
            if (key.isEmpty()) {
                keyless.add(table + ": " + error);
            }
            if (!payload.startsWith("{")) {
                notJson.add(table + ": " + payload);
            }
        }
        report(when + ": unexpected dead letters", unexpected);
        report(when + ": dead letters without their row key", keyless);
        report(when + ": dead letters whose payload is not a JSON object", notJson);
        for (ExpectedDeadLetter expected : expectedDeadLetters()) {
            if (expected.phase() <= phase && !seen.contains(expected)) {
                fail(when + ": missing the documented dead letter " + expected, null);
            }
        }
    }

    private List<ExpectedDeadLetter> expectedDeadLetters() {
        return scenario.deadLetters().stream().filter(e -> mode != Mode.CDC || e.streamed()).toList();
    }

    /** One finding for a list of similar ones: how many, and the first few. */
    private void report(String what, List<String> items) {
        if (!items.isEmpty()) {
            fail(what + " (" + items.size() + "):\n    " + String.join("\n    ", items.subList(0, Math.min(8,
                    items.size()))) + (items.size() > 8 ? "\n    …" : ""), null);
        }
    }

    void fail(String problem, Throwable cause) {
        problems.add(problem);
        if (firstError == null && cause != null) {
            firstError = cause;
        }
    }

    /** Fails with every finding, or passes when there is none. */
    void assertClean() {
        if (!problems.isEmpty()) {
            AssertionError error = new AssertionError("[" + source + ", " + mode + ", " + scenario.name() + "] "
                    + problems.size() + " problem(s):\n- " + String.join("\n- ", problems));
            if (firstError != null) {
                error.initCause(firstError);
            }
            throw error;
        }
    }

    static String causes(Throwable error) {
        if (error == null) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(text.isEmpty() ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ")
                    .append(t.getMessage());
        }
        return text.toString();
    }
}
