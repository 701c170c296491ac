package dev.ferry.cdc.torture;

import dev.ferry.clickhouse.ClickHouseGateway;
import dev.ferry.testing.SourceDb;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One torture theme: the tables it creates and loads, the changes made after the first load, the dead
 * letters the docs promise for it, and any check beyond "validate equal" (e.g. no row twice).
 *
 * @param tables         bare names of the tables the pipeline lists
 * @param selection      the pipeline's source selection when it is not the plain table list (e.g. include)
 * @param superuserSetup statements a DBA runs once (e.g. a publication of all tables)
 */
record Scenario(String name, List<String> tables, String selection, List<String> setup,
        Function<Mode, List<String>> changes, List<ExpectedDeadLetter> deadLetters, List<Check> checks,
        List<String> superuserSetup) {

    /** A check beyond the validator; returns a description of what is wrong, or null. */
    interface Check {
        String problem(SourceDb source, ClickHouseGateway clickhouse, Mode mode) throws Exception;
    }

    static Builder named(String name) {
        return new Builder(name);
    }

    @Override
    public String toString() {
        return name;
    }

    static final class Builder {
        private final String name;
        private final List<String> tables = new ArrayList<>();
        private String selection;
        private final List<String> setup = new ArrayList<>();
        private final List<Function<Mode, List<String>>> changes = new ArrayList<>();
        private final List<ExpectedDeadLetter> deadLetters = new ArrayList<>();
        private final List<Check> checks = new ArrayList<>();
        private final List<String> superuserSetup = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Statements run before the wide tables (types, domains, extensions, helper functions). */
        Builder prepare(String... sql) {
            setup.addAll(List.of(sql));
            return this;
        }

        Builder wide(WideTable... wideTables) {
            for (WideTable table : wideTables) {
                tables.add(table.name());
                setup.addAll(table.setup());
                changes.add(table::changes);
            }
            return this;
        }

        /** A table created and filled by the given statements (listed in the pipeline). */
        Builder table(String table, String... sql) {
            tables.add(table);
            setup.addAll(List.of(sql));
            return this;
        }

        /** Changes made after the first load, whatever the mode. */
        Builder changes(String... sql) {
            changes.add(mode -> List.of(sql));
            return this;
        }

        /** Changes only a CDC pipeline can be expected to follow (deletes, key changes, DDL). */
        Builder cdcChanges(String... sql) {
            changes.add(mode -> mode == Mode.CDC ? List.of(sql) : List.of());
            return this;
        }

        Builder selection(String yaml) {
            this.selection = yaml;
            return this;
        }

        Builder deadLetter(String table, String key, String column, String fragment, int phase) {
            deadLetters.add(new ExpectedDeadLetter(table, key, column, fragment, phase, true));
            return this;
        }

        /** Changes made after the first load by snapshot and incremental runs only. */
        Builder batchChanges(String... sql) {
            changes.add(mode -> mode == Mode.CDC ? List.of() : List.of(sql));
            return this;
        }

        /** A dead letter that only the batch modes' changes bring. */
        Builder batchDeadLetter(String table, String key, String column, String fragment, int phase) {
            deadLetters.add(new ExpectedDeadLetter(table, key, column, fragment, phase, false));
            return this;
        }

        Builder check(Check check) {
            checks.add(check);
            return this;
        }

        Builder superuser(String... sql) {
            superuserSetup.addAll(List.of(sql));
            return this;
        }

        Scenario build() {
            List<Function<Mode, List<String>>> all = List.copyOf(changes);
            return new Scenario(name, List.copyOf(tables), selection, List.copyOf(setup), mode -> {
                List<String> sql = new ArrayList<>();
                all.forEach(c -> sql.addAll(c.apply(mode)));
                return sql;
            }, List.copyOf(deadLetters), List.copyOf(checks), List.copyOf(superuserSetup));
        }
    }
}
