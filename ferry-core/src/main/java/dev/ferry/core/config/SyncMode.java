package dev.ferry.core.config;

/** How a pipeline copies its tables: all rows every run, or only rows whose cursor moved past the last run. */
public enum SyncMode {
    SNAPSHOT,
    INCREMENTAL,
    /** Change data capture: a snapshot, then every change from the source's log ({@code ferry cdc}). */
    CDC,
    /** Messages from Kafka topics, validated and appended as they come ({@code ferry stream}). */
    STREAM
}
