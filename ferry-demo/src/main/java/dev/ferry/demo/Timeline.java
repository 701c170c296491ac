package dev.ferry.demo;

import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * When things happen in the demo shop, relative to a fixed end time (never the clock, so that a seed
 * always gives the same data): sellers join first, then the catalog is built, users sign up over three
 * years, and orders cover the last 18 months. All times are epoch seconds of a zone-less clock.
 */
record Timeline(long sellersFrom, long productsFrom, long usersFrom, long ordersFrom, long end) {

    static Timeline endingAt(LocalDateTime end) {
        return new Timeline(TextValues.epochSecond(end.minusMonths(48)), TextValues.epochSecond(end.minusMonths(30)),
                TextValues.epochSecond(end.minusMonths(36)), TextValues.epochSecond(end.minusMonths(18)),
                TextValues.epochSecond(end));
    }

    /** A uniformly random second in {@code [from, until)}. */
    static long between(SplittableRandom random, long from, long until) {
        return until <= from ? from : random.nextLong(from, until);
    }

    /** A random later moment, capped just before the end (nothing happens in the future). */
    long later(SplittableRandom random, long from, long maxDelaySeconds) {
        return Math.min(end - 1, from + random.nextLong(maxDelaySeconds + 1));
    }
}
