package dev.ferry.core.schema;

/**
 * Source-independent column kinds. Sources map their native types here; sinks map these to their own
 * types. Each kind fixes the Java class a value of that kind has while it travels through Ferry.
 */
public enum LogicalKind {
    /** {@link Boolean}. */
    BOOLEAN,
    /** {@link Long} for all signed integers; width is kept for the target type. */
    INT8, INT16, INT32, INT64,
    /** {@link Long}; UINT64 carries the raw 64 bits (values above Long.MAX_VALUE are negative longs). */
    UINT8, UINT16, UINT32, UINT64,
    /** {@link Double}. */
    FLOAT32, FLOAT64,
    /** {@link java.math.BigDecimal} with the column's precision and scale. */
    DECIMAL,
    /** {@link String}: a numeric of unbounded precision (PostgreSQL {@code numeric} without typmod), kept as text. */
    DECIMAL_TEXT,
    /** {@link String}. */
    STRING,
    /** {@code byte[]}. */
    BYTES,
    /** {@link String} holding JSON text. */
    JSON,
    /** {@link java.util.UUID}. */
    UUID,
    /**
     * {@link java.time.LocalDate}; MySQL zero dates arrive as {@link java.time.LocalDate#EPOCH} (see type-mapping.md),
     * BC dates and PostgreSQL's infinities as {@link Temporals} describes (also for the two kinds below).
     */
    DATE,
    /** {@link String} such as {@code 13:45:00.25} or MySQL's {@code -838:59:59}. */
    TIME,
    /** {@link java.time.LocalDateTime}: wall-clock time without zone. */
    TIMESTAMP,
    /** {@link java.time.Instant}: a point in time. */
    TIMESTAMP_TZ,
    /** {@link String} in the source's own interval notation. */
    INTERVAL,
    /** {@link String}: one label of an enumeration. */
    ENUM,
    /** {@link String}: MySQL SET, comma-separated labels. */
    SET,
    /** {@link Long}: MySQL BIT(n), n ≤ 64, as an unsigned number. */
    BIT,
    /** {@link Long}: MySQL YEAR. */
    YEAR,
    /** {@link java.util.List} of the element kind's values (nulls allowed). */
    ARRAY
}
