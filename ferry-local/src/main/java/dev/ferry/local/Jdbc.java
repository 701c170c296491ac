package dev.ferry.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Short-lived JDBC connections for bootstrapping and probing local servers. */
final class Jdbc {

    private Jdbc() {
    }

    static Connection connect(String url, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        // keep probes snappy: a server that is still starting refuses fast, we retry
        props.setProperty("connectTimeout", url.startsWith("jdbc:postgresql") ? "3" : "3000");
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection(url, props);
    }

    static boolean canConnect(String url, String user, String password) {
        try (Connection ignored = connect(url, user, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
