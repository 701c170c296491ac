package dev.ferry.orchestrator.dag;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cron schedule of five Unix fields (or a preset such as {@code @daily}) in a time zone. A run's logical
 * date is the fire time itself, so {@code 0 2 * * *} gives one run per day dated 02:00.
 */
public final class CronSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Map<String, String> PRESETS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime executionTime;

    private CronSchedule(String expression, ZoneId zone, Cron cron) {
        this.expression = expression;
        this.zone = zone;
        this.executionTime = ExecutionTime.forCron(cron);
    }

    /** @throws IllegalArgumentException with cron-utils' description of what is wrong */
    public static CronSchedule parse(String expression, ZoneId zone) {
        String text = PRESETS.getOrDefault(expression.trim().toLowerCase(java.util.Locale.ROOT), expression.trim());
        Cron cron = PARSER.parse(text).validate();
        return new CronSchedule(expression.trim(), zone, cron);
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first fire time strictly after {@code after}. */
    public Optional<Instant> next(Instant after) {
        return executionTime.nextExecution(after.atZone(zone)).map(time -> time.toInstant());
    }

    /**
     * The fire times in {@code (after, upTo]}, oldest first, at most {@code limit} of them (the newest ones
     * when there are more: a schedule that fell far behind runs its latest intervals, not its oldest).
     */
    public List<Instant> firesBetween(Instant after, Instant upTo, int limit) {
        List<Instant> fires = new ArrayList<>();
        Optional<Instant> next = next(after);
        while (next.isPresent() && !next.get().isAfter(upTo)) {
            fires.add(next.get());
            if (fires.size() > limit) {
                fires.remove(0);
            }
            next = next(next.get());
        }
        return fires;
    }

    @Override
    public String toString() {
        boolean utc = zone.normalized().equals(java.time.ZoneOffset.UTC);
        return expression + (utc ? "" : " (" + zone.getId() + ")");
    }
}
