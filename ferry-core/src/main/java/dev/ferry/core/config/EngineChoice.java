package dev.ferry.core.config;

/**
 * The ClickHouse table engine a pipeline creates targets with. AUTO leaves the choice to Ferry, which picks
 * ReplacingMergeTree for tables with a primary key (so re-copied rows collapse) and MergeTree otherwise.
 */
public enum EngineChoice {
    AUTO,
    REPLACING_MERGE_TREE,
    MERGE_TREE
}
