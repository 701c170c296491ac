package dev.ferry.cdc.torture;

import java.util.regex.Pattern;

/**
 * Lets a developer run a few torture cases while working on a defect: {@code -Dtorture.only=REGEX} keeps
 * the cases whose name (e.g. {@code "postgres cdc declarative partitions"} or {@code "mariadb RENAME_COLUMN JUST_BEFORE_STOP"}) contains a match. Unset
 * (as in {@code ./scripts/test} and CI), every case runs; a class whose cases are all filtered out runs none
 * ({@code allowZeroInvocations}).
 */
final class CaseFilter {

    private CaseFilter() {
    }

    static boolean selected(String name) {
        String only = System.getProperty("torture.only");
        return only == null || only.isBlank() || Pattern.compile(only, Pattern.CASE_INSENSITIVE).matcher(name).find();
    }
}
