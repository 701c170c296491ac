package dev.ferry.sync.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row digests of one chunk from both sides and what differs between them. Rows are matched by key text;
 * keyless tables use the digest itself as the key, so only counts can differ there.
 */
final class ChunkComparison {

    static final int SAMPLE = 10;

    /** How often a key occurs on one side, and the digest of its (last) row. */
    private static final class Seen {
        long count;
        long digest;
    }

    private final Map<String, Seen> source = new LinkedHashMap<>();
    private final Map<String, Seen> clickhouse = new HashMap<>();
    final List<String> missing = new ArrayList<>();
    final List<String> extra = new ArrayList<>();
    final List<String> different = new ArrayList<>();
    long mismatched;

    void addSource(String key, long digest) {
        add(source, key, digest);
    }

    void addClickHouse(String key, long digest) {
        add(clickhouse, key, digest);
    }

    private static void add(Map<String, Seen> side, String key, long digest) {
        Seen seen = side.computeIfAbsent(key, k -> new Seen());
        seen.count++;
        seen.digest = digest;
    }

    /** Compares the two sides; returns true when they are equal. */
    boolean compare() {
        for (Map.Entry<String, Seen> entry : source.entrySet()) {
            Seen ours = entry.getValue();
            Seen theirs = clickhouse.get(entry.getKey());
            long present = theirs == null ? 0 : theirs.count;
            if (present < ours.count) {
                mismatched += ours.count - present;
                sample(missing, entry.getKey());
            } else if (theirs.digest != ours.digest) {
                mismatched++;
                sample(different, entry.getKey());
            }
        }
        for (Map.Entry<String, Seen> entry : clickhouse.entrySet()) {
            Seen ours = source.get(entry.getKey());
            long surplus = entry.getValue().count - (ours == null ? 0 : ours.count);
            if (surplus > 0) {
                mismatched += surplus;
                sample(extra, entry.getKey());
            }
        }
        return mismatched == 0;
    }

    private static void sample(List<String> list, String key) {
        if (list.size() < SAMPLE) {
            list.add(key);
        }
    }
}
