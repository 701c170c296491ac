package dev.ferry.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PgFloatText} against the server's own float8 output for random doubles of every magnitude. */
@FerryIntegrationTest
class PgFloatTextIT {

    @Test
    void agreesWithPostgresqlOnRandomDoubles(TestDatabases db) throws Exception {
        SplittableRandom random = new SplittableRandom(20261202);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            // random bit patterns cover every exponent; short decimals cover the values people type
            double bits = Double.longBitsToDouble(random.nextLong());
            values.add(Double.isNaN(bits) ? 0.5 : bits);
            values.add(random.nextInt(-100_000, 100_000) / Math.pow(10, random.nextInt(0, 20)));
        }
        List<String> mismatches = new ArrayList<>();
        try (Connection conn = db.postgresConnection();
                PreparedStatement ps = conn.prepareStatement("SELECT v::text FROM unnest(?::float8[]) v")) {
            ps.setArray(1, conn.createArrayOf("float8", values.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                int i = 0;
                while (rs.next()) {
                    double value = values.get(i++);
                    if (!rs.getString(1).equals(PgFloatText.of(value))) {
                        mismatches.add(value + ": server " + rs.getString(1) + ", Ferry " + PgFloatText.of(value));
                    }
                }
                assertThat(i).isEqualTo(values.size());
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
