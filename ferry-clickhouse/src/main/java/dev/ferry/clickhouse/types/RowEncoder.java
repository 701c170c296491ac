package dev.ferry.clickhouse.types;

import dev.ferry.core.schema.BadValueException;
import java.util.List;

/** Encodes whole rows of one table: convert each value, then write it in RowBinary. */
public final class RowEncoder {

    private final List<String> names;
    private final ChType[] types;
    private final ValueConverter[] converters;

    public RowEncoder(List<String> names, List<ChType> types, List<ValueConverter> converters) {
        if (names.size() != types.size() || types.size() != converters.size()) {
            throw new IllegalArgumentException("names, types and converters must line up");
        }
        this.names = List.copyOf(names);
        this.types = types.toArray(ChType[]::new);
        this.converters = converters.toArray(ValueConverter[]::new);
    }

    public int width() {
        return types.length;
    }

    /** Encodes a single column's value (a key, say) on its own. */
    public void encodeColumn(int index, Object value, ByteSink out) throws BadValueException {
        RowBinaryEncoder.write(out, types[index], converters[index].convert(value));
    }

    /** Appends one row to {@code out}; on a bad value nothing of the row is left in {@code out}. */
    public void encode(Object[] values, ByteSink out) throws BadValueException {
        int mark = out.size();
        int i = 0;
        try {
            for (; i < types.length; i++) {
                RowBinaryEncoder.write(out, types[i], converters[i].convert(values[i]));
            }
        } catch (BadValueException e) {
            out.truncate(mark);
            throw e;
        } catch (ClassCastException | ArithmeticException e) {
            out.truncate(mark);
            throw new BadValueException(names.get(i), "value '" + values[i] + "' cannot be written as " + types[i].sql()
                    + ": " + e.getMessage());
        }
    }
}
