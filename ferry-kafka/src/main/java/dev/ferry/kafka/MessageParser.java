package dev.ferry.kafka;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.ferry.core.config.StreamColumn;
import dev.ferry.core.config.StreamConfig;
import dev.ferry.core.schema.UnchangedValue;
import java.io.IOException;
import java.util.List;

/**
 * Reads a message's value into the row of a stream pipeline's columns, in the pipeline's format. JSON and
 * CSV parsing are Jackson's; what is Ferry's is finding each column's field and checking it.
 */
abstract class MessageParser {

    /**
     * One parser is made per message: buffers come from a per-thread pool rather than being allocated each
     * time (profiling the stream benchmark showed parser construction as the hottest spot).
     */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.threadLocalPool())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());

    protected final List<StreamColumn> columns;

    MessageParser(List<StreamColumn> columns) {
        this.columns = List.copyOf(columns);
    }

    static MessageParser of(StreamConfig config) {
        return switch (config.format()) {
            case JSON -> new Json(config.columns(), false);
            case DEBEZIUM -> new Json(config.columns(), true);
            case CSV -> new Csv(config.columns(), config.csvDelimiter());
        };
    }

    /** The row, or a {@link BadMessageException} saying what is wrong with the message. */
    abstract Object[] parse(byte[] value) throws BadMessageException;

    /** Whether the last parsed message deleted its row (Debezium {@code op: d}). */
    boolean lastWasDelete() {
        return false;
    }

    /**
     * Fields by dotted path in a JSON object, picked in one streaming pass; Debezium events are read as a
     * tree, from their {@code after} image (or {@code before}, for a delete).
     */
    static final class Json extends MessageParser {

        private final boolean debezium;
        /** Each column's path split once, not per message. */
        private final String[][] paths;
        private final JsonFieldPicker picker;
        private boolean delete;
        /** Debezium's own placeholder, in events of connectors Ferry did not configure. */
        private static final String DEBEZIUM_DEFAULT_PLACEHOLDER = "__debezium_unavailable_value";

        Json(List<StreamColumn> columns, boolean debezium) {
            super(columns);
            this.debezium = debezium;
            this.paths = columns.stream().map(column -> column.path().split("\\.")).toArray(String[][]::new);
            this.picker = new JsonFieldPicker(List.of(paths));
        }

        @Override
        Object[] parse(byte[] value) throws BadMessageException {
            if (value == null) {
                throw new BadMessageException("the message has no value");
            }
            Object[] fields;
            delete = false;
            try (JsonParser parser = JSON.createParser(value)) {
                fields = debezium ? debeziumFields(parser) : picker.pick(parser);
            } catch (IOException e) {
                throw new BadMessageException("not JSON: " + firstLine(e));
            }
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
                StreamColumn column = columns.get(i);
                row[i] = delete ? ColumnValues.convertDeleted(column, scalarOrNull(column, fields[i]))
                        : ColumnValues.convert(column, scalar(column, fields[i]));
            }
            return row;
        }

        @Override
        boolean lastWasDelete() {
            return delete;
        }

        /** The row image of a change event, with or without the {@code schema}/{@code payload} envelope. */
        private Object[] debeziumFields(JsonParser parser) throws IOException, BadMessageException {
            JsonFieldPicker.startObject(parser);
            JsonNode event = parser.readValueAsTree();
            JsonNode payload = event.has("payload") && event.get("payload").isObject() ? event.get("payload") : event;
            String op = payload.path("op").asText("");
            delete = "d".equals(op);
            JsonNode image = delete ? payload.get("before") : payload.get("after");
            if ("t".equals(op)) {
                throw new BadMessageException("a Debezium TRUNCATE event (op 't'): stream pipelines do not empty "
                        + "tables; resync this table from its source");
            }
            if (image == null || !image.isObject()) {
                throw new BadMessageException("not a Debezium change event with a row image (op '" + op + "')");
            }
            Object[] fields = new Object[paths.length];
            for (int i = 0; i < paths.length; i++) {
                JsonNode field = JsonFieldPicker.at(image, paths[i]);
                if (isUnchangedPlaceholder(field)) {
                    throw new BadMessageException("column " + columns.get(i).name() + " (" + columns.get(i).path()
                            + "): the change does not carry this unchanged value (PostgreSQL leaves large unchanged "
                            + "values out of an update unless the table has REPLICA IDENTITY FULL); set REPLICA "
                            + "IDENTITY FULL on the source table, then resync this table");
                }
                fields[i] = JsonFieldPicker.fromNode(field);
            }
            return fields;
        }

        /** Debezium's stand-in for an unchanged TOAST value, in the shapes a JSON change event can hold it. */
        private static boolean isUnchangedPlaceholder(JsonNode field) {
            if (field == null) {
                return false;
            }
            if (field.isTextual()) {
                String text = field.textValue();
                return text.equals(UnchangedValue.TEXT) || text.equals(UnchangedValue.BASE64)
                        || text.equals(DEBEZIUM_DEFAULT_PLACEHOLDER);
            }
            if (field.isArray() && field.size() == 1 && field.get(0).isTextual()
                    && field.get(0).textValue().equals(UnchangedValue.UUID_TEXT)) {
                return true; // uuid[]'s placeholder: only inside an array, a lone uuid like it could be real
            }
            if (field.isArray() && field.size() == 1) {
                return isUnchangedPlaceholder(field.get(0));
            }
            if (field.isArray() && field.size() > 1) {
                java.util.List<Object> numbers = new java.util.ArrayList<>();
                field.forEach(item -> numbers.add(item.isNumber() ? item.numberValue() : null));
                return UnchangedValue.isPerByteList(numbers);
            }
            return false;
        }

        private static Object scalarOrNull(StreamColumn column, Object field) {
            try {
                return scalar(column, field);
            } catch (BadMessageException e) {
                return null;
            }
        }

        /** A field's value; an object or array only for a string column, which keeps it as JSON text. */
        private static Object scalar(StreamColumn column, Object field) throws BadMessageException {
            if (!(field instanceof JsonNode node)) {
                return field;
            }
            if (column.type().equals("string")) {
                return node.toString();
            }
            throw new BadMessageException("column " + column.name() + " (" + column.path() + "): expected a value, got "
                    + "a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Fields by position in one delimited line (RFC 4180 quoting). */
    static final class Csv extends MessageParser {

        private final com.fasterxml.jackson.databind.ObjectReader reader;

        Csv(List<StreamColumn> columns, char delimiter) {
            super(columns);
            CsvMapper mapper = new CsvMapper();
            mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            this.reader = mapper.readerFor(String[].class)
                    .with(CsvSchema.emptySchema().withColumnSeparator(delimiter));
        }

        @Override
        Object[] parse(byte[] value) throws BadMessageException {
            if (value == null) {
                throw new BadMessageException("the message has no value");
            }
            String[] fields;
            try (com.fasterxml.jackson.databind.MappingIterator<String[]> rows =
                    reader.readValues(Utf8.strict(value).strip())) {
                fields = rows.hasNextValue() ? rows.nextValue() : new String[0];
            } catch (Utf8.MalformedException e) {
                throw new BadMessageException("not a CSV line: " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                throw new BadMessageException("not a CSV line: " + firstLine(e));
            }
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
                int index = Integer.parseInt(columns.get(i).path());
                String field = index < fields.length ? fields[index] : null;
                row[i] = ColumnValues.convert(columns.get(i), field);
            }
            return row;
        }
    }

    private static String firstLine(Throwable e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
