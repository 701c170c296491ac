package dev.ferry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.FerryException;
import dev.ferry.testing.FerryIntegrationTest;
import dev.ferry.testing.ServerEndpoint;
import dev.ferry.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@FerryIntegrationTest
class DataSourcesIT {

    @Test
    void poolsReachPostgresAndMariaDb(TestDatabases db) throws Exception {
        ServerEndpoint pg = db.stack().postgres();
        ServerEndpoint my = db.stack().mariadb();
        assertThat(currentDatabase(new JdbcEndpoint(SourceKind.POSTGRES, pg.host(), pg.port(), db.postgres(),
                pg.user(), pg.password()), "SELECT current_database()")).isEqualTo(db.name());
        assertThat(currentDatabase(new JdbcEndpoint(SourceKind.MYSQL, my.host(), my.port(), db.mariadb(),
                my.user(), my.password()), "SELECT DATABASE()")).isEqualTo(db.name());
    }

    @Test
    void wrongPasswordFailsFastWithoutShowingIt(TestDatabases db) {
        ServerEndpoint pg = db.stack().postgres();
        JdbcEndpoint wrong = new JdbcEndpoint(SourceKind.POSTGRES, pg.host(), pg.port(), db.postgres(), pg.user(),
                "s3cret-wrong");
        assertThatThrownBy(() -> DataSources.pool(wrong, 2, "test").close())
                .isInstanceOf(FerryException.class)
                .hasMessageStartingWith("cannot connect to POSTGRES://ferry@127.0.0.1:" + pg.port() + "/" + db.name())
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("s3cret-wrong");
    }

    private static String currentDatabase(JdbcEndpoint endpoint, String sql) throws Exception {
        try (HikariDataSource pool = DataSources.pool(endpoint, 2, "test");
                Connection conn = pool.getConnection();
                Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
