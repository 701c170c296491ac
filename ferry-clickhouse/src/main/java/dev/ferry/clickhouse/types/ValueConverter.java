package dev.ferry.clickhouse.types;

import dev.ferry.core.schema.BadValueException;

/** Turns a source value (its logical kind's Java class) into what {@link RowBinaryEncoder} writes. */
@FunctionalInterface
public interface ValueConverter {

    Object convert(Object value) throws BadValueException;
}
