package dev.ferry.clickhouse;

import java.util.Arrays;

/** A ClickHouse version such as {@code 18.16.1} or {@code 24.3.2.23}, comparable by its numeric parts. */
public record ServerVersion(int major, int minor, int patch, String text) implements Comparable<ServerVersion> {

    public static ServerVersion parse(String text) {
        String trimmed = text.strip();
        int[] parts = Arrays.stream(trimmed.split("[^0-9]+")).filter(s -> !s.isEmpty()).limit(3)
                .mapToInt(Integer::parseInt).toArray();
        if (parts.length == 0) {
            throw new IllegalArgumentException("not a ClickHouse version: '" + text + "'");
        }
        return new ServerVersion(parts[0], parts.length > 1 ? parts[1] : 0, parts.length > 2 ? parts[2] : 0, trimmed);
    }

    public boolean atLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }

    @Override
    public int compareTo(ServerVersion other) {
        int byMajor = Integer.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = Integer.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return text;
    }
}
