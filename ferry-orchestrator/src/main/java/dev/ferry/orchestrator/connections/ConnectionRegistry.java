package dev.ferry.orchestrator.connections;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.ConnectionType;
import dev.ferry.core.config.FerryConfig;
import dev.ferry.orchestrator.store.MetadataStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Named connections kept in the metadata store, like Airflow's: pipelines, DAGs and tasks use them by name,
 * and their passwords and options are stored only encrypted under the master key ({@link ConnectionSecrets}).
 * Listing and deleting need no key; adding and reading a connection do, and the key is resolved only then.
 */
public final class ConnectionRegistry {

    /** Names appear in config files, messages and CLI arguments: the rule of config connection names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "name, conn_type, host, port, database_name, url, user_name, key_id,"
            + " password_cipher, options_cipher, description, created_at, updated_at";

    private final DataSource dataSource;
    private final String description;
    private final Supplier<MasterKey> key;

    /** @param key asked only when a secret is sealed or opened; see {@link MasterKeys#lazy} */
    public ConnectionRegistry(MetadataStore store, Supplier<MasterKey> key) {
        this(store.dataSource(), "the connection registry (" + store + ")", key);
    }

    ConnectionRegistry(DataSource dataSource, String description, Supplier<MasterKey> key) {
        this.dataSource = dataSource;
        this.description = description;
        this.key = key;
    }

    /** The registry of the store a config names, with the master key that config and {@code env} give. */
    public static ConnectionRegistry of(MetadataStore store, FerryConfig config, Map<String, String> env) {
        return new ConnectionRegistry(store, MasterKeys.lazy(config.orchestrator(), env));
    }

    /** For messages: {@code the connection registry (embedded store /srv/ferry/.ferry/state/orchestrator)}. */
    public String description() {
        return description;
    }

    /**
     * Stores {@code connection}, its password and options encrypted.
     *
     * @param replace overwrite a connection of that name (keeping when it was first added) instead of failing
     * @return true when it replaced one
     * @throws FerryException when the name is taken and {@code replace} is false, when a field does not fit,
     *                        when there is no master key, or when the registry's other connections were
     *                        encrypted with another key (one registry, one key)
     */
    public boolean add(ConnectionConfig connection, String description, boolean replace) {
        check(connection, description);
        ConnectionSecrets.SealedSecrets sealed = new ConnectionSecrets(new SecretCipher(
                currentKey("cannot add connection '" + connection.name() + "'"))).seal(connection);
        long now = System.currentTimeMillis();
        try (Connection db = dataSource.getConnection()) {
            requireSameKey(db, connection.name(), sealed.keyId());
            if (replace && update(db, connection, description, sealed, now)) {
                return true;
            }
            insert(db, connection, description, sealed, now);
            return false;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new FerryException("connection '" + connection.name() + "' already exists in " + this.description
                        + "; to overwrite it, add it with --replace");
            }
            throw failure("cannot add connection '" + connection.name() + "' to", e);
        }
    }

    /** Every connection, by name, without secrets. */
    public List<RegisteredConnection> list() {
        return rows("", null).stream().map(StoredConnection::registered).toList();
    }

    /** The connection without its secrets; needs no key. */
    public Optional<RegisteredConnection> describe(String name) {
        return row(name).map(StoredConnection::registered);
    }

    /**
     * The connection with its password and options decrypted; empty when there is none of that name.
     *
     * @throws FerryException naming the connection when there is no master key, another key, or the row was
     *                        changed outside Ferry
     */
    public Optional<ConnectionConfig> find(String name) {
        Optional<StoredConnection> row = row(name);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        MasterKey current = currentKey("connection '" + name + "' of " + description + " cannot be decrypted");
        return Optional.of(new ConnectionSecrets(new SecretCipher(current)).open(row.get()));
    }

    /** The master key, or an error that says what needed it. */
    private MasterKey currentKey(String purpose) {
        try {
            return key.get();
        } catch (FerryException noKey) {
            throw new FerryException(purpose + ": " + noKey.getMessage(), noKey);
        }
    }

    /** Like {@link #find}, but an unknown name is an error listing the names there are. */
    public ConnectionConfig get(String name) {
        return find(name).orElseThrow(() -> new FerryException("no connection '" + name + "' in " + description
                + "; " + names()));
    }

    /** @return false when there was no such connection */
    public boolean delete(String name) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement delete = db.prepareStatement("DELETE FROM connection WHERE name = ?")) {
            delete.setString(1, name);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("cannot delete connection '" + name + "' from", e);
        }
    }

    /** {@code connections there: a, b} or {@code it holds no connections}, for messages. */
    String names() {
        List<RegisteredConnection> all = list();
        return all.isEmpty() ? "it holds no connections"
                : "connections there: " + all.stream().map(RegisteredConnection::name).collect(Collectors.joining(", "));
    }

    /** Clear messages instead of a database error about column widths or a name a config could not use. */
    private void check(ConnectionConfig connection, String description) {
        String name = connection.name();
        if (!NAME.matcher(name).matches()) {
            throw new FerryException("connection name '" + name + "' may use only letters, digits, '_' and '-'"
                    + " (at most 200), as connection names in config files do");
        }
        fits(name, "host", connection.host(), 300);
        fits(name, "database", connection.database(), 300);
        fits(name, "url", connection.url(), 500);
        fits(name, "user", connection.user(), 300);
        fits(name, "description", description, 2000);
    }

    private static void fits(String name, String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new FerryException("connection '" + name + "': " + field + " is longer than " + max + " characters");
        }
    }

    /** One key per registry: a second one would leave some connections unreadable whichever key is set. */
    private void requireSameKey(Connection db, String name, String keyId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT DISTINCT key_id FROM connection WHERE name <> ? AND key_id <> ?")) {
            query.setString(1, name);
            query.setString(2, keyId);
            try (ResultSet others = query.executeQuery()) {
                if (others.next()) {
                    throw new FerryException("the connections of " + description + " were encrypted with master key id "
                            + others.getString(1) + "; the current master key has id " + keyId + "; set "
                            + MasterKeys.ENV + " (or " + MasterKeys.FILE_ENV + ") to the key used for them (changing"
                            + " the key of a registry is not supported yet)");
                }
            }
        }
    }

    private boolean update(Connection db, ConnectionConfig connection, String description,
                           ConnectionSecrets.SealedSecrets sealed, long now) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("UPDATE connection SET conn_type = ?, host = ?, port = ?,"
                + " database_name = ?, url = ?, user_name = ?, key_id = ?, password_cipher = ?, options_cipher = ?,"
                + " description = ?, updated_at = ? WHERE name = ?")) {
            int i = bindFields(update, 1, connection, sealed, description);
            update.setLong(i++, now);
            update.setString(i, connection.name());
            return update.executeUpdate() > 0;
        }
    }

    private void insert(Connection db, ConnectionConfig connection, String description,
                        ConnectionSecrets.SealedSecrets sealed, long now) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO connection (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, connection.name());
            int i = bindFields(insert, 2, connection, sealed, description);
            insert.setLong(i++, now);
            insert.setLong(i, now);
            insert.executeUpdate();
        }
    }

    /** conn_type to description, in column order; returns the next parameter index. */
    private static int bindFields(PreparedStatement statement, int first, ConnectionConfig connection,
                                  ConnectionSecrets.SealedSecrets sealed, String description) throws SQLException {
        int i = first;
        statement.setString(i++, connection.type().label());
        statement.setString(i++, connection.host());
        statement.setInt(i++, connection.port());
        statement.setString(i++, connection.database());
        setNullable(statement, i++, connection.url());
        statement.setString(i++, connection.user());
        statement.setString(i++, sealed.keyId());
        setNullable(statement, i++, sealed.password());
        statement.setString(i++, sealed.options());
        setNullable(statement, i++, description);
        return i;
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private Optional<StoredConnection> row(String name) {
        return rows(" WHERE name = ?", name).stream().findFirst();
    }

    private List<StoredConnection> rows(String where, String name) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement query = db.prepareStatement("SELECT " + COLUMNS + " FROM connection" + where
                     + " ORDER BY name")) {
            if (name != null) {
                query.setString(1, name);
            }
            List<StoredConnection> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(stored(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failure("cannot read", e);
        }
    }

    private static StoredConnection stored(ResultSet row) throws SQLException {
        String name = row.getString("name");
        String typeName = row.getString("conn_type");
        ConnectionType type = ConnectionType.parse(typeName).orElseThrow(() -> new FerryException("connection '"
                + name + "' has type '" + typeName + "', which this Ferry version does not know"));
        return new StoredConnection(name, type, row.getString("host"), row.getInt("port"),
                row.getString("database_name"), row.getString("url"), row.getString("user_name"),
                row.getString("key_id"), row.getString("password_cipher"), row.getString("options_cipher"),
                row.getString("description"), row.getLong("created_at"), row.getLong("updated_at"));
    }

    private FerryException failure(String what, SQLException e) {
        return new FerryException(what + " " + description + ": " + e.getMessage().strip().lines().findFirst()
                .orElse(e.getClass().getSimpleName()), e);
    }

    @Override
    public String toString() {
        return description;
    }
}
