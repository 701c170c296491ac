package dev.ferry.cdc.torture;

import java.util.Locale;

/** The three ways a pipeline moves a table (docs/configuration.md, {@code mode}). */
enum Mode {
    SNAPSHOT, INCREMENTAL, CDC;

    String yaml() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return yaml();
    }
}
