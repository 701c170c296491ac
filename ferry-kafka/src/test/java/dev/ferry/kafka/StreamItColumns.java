package dev.ferry.kafka;

/** The column block of seed 003's sensor messages, as the stream tests configure it. */
final class StreamItColumns {

    static final String SENSORS = """
                  columns:
                    - {name: sensor_id, path: sensor_id, type: string, required: true, pattern: "s-[0-9]+"}
                    - {name: ts, path: timestamp, type: timestamp, required: true}
                    - {name: temperature, path: metrics.temperature, type: float64, min: -50, max: 150}
                    - {name: humidity, path: metrics.humidity, type: "decimal(5,2)"}
                    - {name: readings, path: metrics.count, type: int32}
            """;

    private StreamItColumns() {
    }
}
