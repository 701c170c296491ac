package dev.ferry.demo;

import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Sensor readings shaped like seed 003's Kafka messages ({@code sensor_id}, {@code timestamp}, nested
 * {@code metrics}), with a small share of broken ones — unparsable, missing fields, out-of-range values — so
 * that the stream demo shows its dead letters.
 */
public final class SensorMessages {

    private final SplittableRandom random;
    private final int sensors;
    private final double badShare;

    public SensorMessages(long seed, int sensors, double badShare) {
        this.random = new SplittableRandom(seed);
        this.sensors = sensors;
        this.badShare = badShare;
    }

    /** The sensor a message is about; used as the message key, so a sensor's readings stay in order. */
    public String nextKey() {
        return "s-" + random.nextInt(sensors);
    }

    public String next(String sensor, Instant at) {
        if (random.nextDouble() < badShare) {
            return switch (random.nextInt(4)) {
                case 0 -> "{\"sensor_id\": \"" + sensor + "\", \"timestamp\": "; // cut off
                case 1 -> "{\"timestamp\": \"" + at + "\", \"metrics\": {\"temperature\": 21.5}}";
                case 2 -> reading(sensor, at, 180 + random.nextInt(100), 40); // a broken thermometer
                default -> reading(sensor, at, 20, 140); // humidity above 100 %
            };
        }
        return reading(sensor, at, 15 + random.nextDouble() * 15, 30 + random.nextDouble() * 40);
    }

    private static String reading(String sensor, Instant at, double temperature, double humidity) {
        return String.format(Locale.ROOT, "{\"sensor_id\": \"%s\", \"timestamp\": \"%s\", \"metrics\": "
                + "{\"temperature\": %.2f, \"humidity\": %.2f, \"pressure\": %.1f}}", sensor, at, temperature,
                humidity, 990 + (temperature % 10) * 3);
    }
}
