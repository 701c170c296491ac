package dev.ferry.sync;

/**
 * What to sync in a run.
 *
 * @param table only this source table ({@code schema.table}, or the bare name when unambiguous); null = all
 * @param full  reload from scratch (new snapshot) instead of resuming or continuing incrementally
 */
public record SyncOptions(String table, boolean full) {

    public static final SyncOptions DEFAULT = new SyncOptions(null, false);
}
