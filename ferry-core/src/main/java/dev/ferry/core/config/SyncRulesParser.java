package dev.ferry.core.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the settings a pipeline and each of its tables may set alike: {@code cursor_lookback},
 * {@code null_cursor} and {@code max_dead_letters}. A table's own value wins over its pipeline's.
 */
final class SyncRulesParser {

    static final List<String> FIELDS = List.of("cursor_lookback", "null_cursor", "max_dead_letters");

    private static final Pattern NUMBER = Pattern.compile("\\d[\\d_]*(\\.\\d+)?");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(\\.\\d+)?)\\s*%");
    private static final Map<String, NullCursorRule> NULL_CURSOR = new LinkedHashMap<>();

    static {
        NULL_CURSOR.put("include_on_full", NullCursorRule.INCLUDE_ON_FULL);
        NULL_CURSOR.put("error", NullCursorRule.ERROR);
    }

    private SyncRulesParser() {
    }

    /** @return the value set in {@code map}, or null when it is unset or wrong (reported) */
    static CursorLookback cursorLookback(YamlMap map) {
        return map.scalar("cursor_lookback").map(SyncRulesParser::cursorLookback).orElse(null);
    }

    private static CursorLookback cursorLookback(Scalar value) {
        String text = value.text().trim();
        if (text.equalsIgnoreCase("auto")) {
            return CursorLookback.AUTO;
        }
        if (NUMBER.matcher(text).matches()) {
            return new CursorLookback.Units(new BigDecimal(text.replace("_", "")));
        }
        Optional<Duration> duration = Durations.parse(text);
        if (duration.isPresent()) {
            return new CursorLookback.Span(duration.get());
        }
        value.report("expected auto, a duration such as 30s, 5m or 1h (date/time cursors) or a number of cursor"
                + " units such as 1000 (numeric cursors), got '" + value.text() + "'");
        return null;
    }

    static NullCursorRule nullCursor(YamlMap map) {
        return map.choice("null_cursor", null, NULL_CURSOR);
    }

    static DeadLetterLimit maxDeadLetters(YamlMap map) {
        return map.scalar("max_dead_letters").map(SyncRulesParser::maxDeadLetters).orElse(null);
    }

    private static DeadLetterLimit maxDeadLetters(Scalar value) {
        String text = value.text().trim();
        Matcher percent = PERCENT.matcher(text);
        if (percent.matches()) {
            BigDecimal share = new BigDecimal(percent.group(1));
            if (share.compareTo(BigDecimal.valueOf(100)) <= 0) {
                return DeadLetterLimit.ofRatio(share.doubleValue() / 100);
            }
        } else if (text.matches("\\d[\\d_]{0,17}")) {
            return DeadLetterLimit.ofRows(Long.parseLong(text.replace("_", "")));
        }
        value.report("expected a number of rows such as 0 or 100, or a percentage of the rows read from 0% to"
                + " 100% such as 1%, got '" + value.text() + "'");
        return null;
    }

    /** Fields that only some modes use, reported where they are set in another mode. */
    static void rejectOutsideTheirModes(YamlMap map, SyncMode mode) {
        if (mode != SyncMode.INCREMENTAL) {
            for (String key : List.of("null_cursor")) {
                map.scalar(key).ifPresent(value -> value.report("only incremental pipelines have a cursor; "
                        + key + " applies to mode: incremental"));
            }
        }
        if (mode == SyncMode.STREAM) {
            map.scalar("max_dead_letters").ifPresent(value -> value.report("stream pipelines count their dead"
                    + " letters in ferry stream's status; max_dead_letters applies to snapshot, incremental and cdc"
                    + " pipelines"));
        }
    }
}
