package dev.ferry.core.schema;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The text Ferry has Debezium put in place of a value PostgreSQL did not send with an update (an unchanged
 * TOAST value), set as Debezium's {@code unavailable.value.placeholder}. It starts and ends with a NUL character,
 * which no PostgreSQL text, json or xml value can contain, so a real value is never taken for it (Debezium's
 * default placeholder is an ordinary string a column could hold). Debezium puts its bytes in bytea columns and,
 * for some arrays, one number per byte; a real value would have to equal these bytes exactly.
 */
public final class UnchangedValue {

    public static final String TEXT = "\u0000ferry:unchanged-toast-value\u0000";
    private static final byte[] BYTES = TEXT.getBytes(StandardCharsets.UTF_8);
    /** How a JSON change event (Kafka Connect's JSON converter) spells the bytes: base64. */
    public static final String BASE64 = Base64.getEncoder().encodeToString(BYTES);
    /** Debezium's placeholder inside an unchanged uuid[]: the name-based UUID of the bytes. */
    public static final String UUID_TEXT = java.util.UUID.nameUUIDFromBytes(BYTES).toString();

    private UnchangedValue() {
    }

    public static byte[] bytes() {
        return BYTES.clone();
    }

    /** Whether {@code numbers} are the placeholder's bytes, one number each (Debezium's int[]/bigint[] form). */
    public static boolean isPerByteList(java.util.List<?> numbers) {
        if (numbers.size() != BYTES.length) {
            return false;
        }
        for (int i = 0; i < BYTES.length; i++) {
            if (!(numbers.get(i) instanceof Number n) || n.longValue() != BYTES[i]) {
                return false;
            }
        }
        return true;
    }
}
