package dev.ferry.orchestrator.connections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.ConnectionType;
import dev.ferry.core.config.Secret;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seals and opens the secrets of one registry connection: its password and its options. The associated data
 * of both binds them to the connection's name and to where they are sent (type, host, port, database, url,
 * user): a ciphertext copied to another row does not open, and neither does a password whose row someone
 * pointed at another host by editing the table.
 */
final class ConnectionSecrets {

    /** Shown by {@link Secret#toString()} in place of the password. */
    static final String SOURCE = "connection registry";
    private static final String FORMAT = "ferry connection v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretCipher cipher;

    ConnectionSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** @param password null when the connection has none */
    record SealedSecrets(String keyId, String password, String options) {

        @Override
        public String toString() {
            return "SealedSecrets[keyId=" + keyId + "]";
        }
    }

    SealedSecrets seal(ConnectionConfig connection) {
        String password = connection.password().reveal().isEmpty() ? null
                : cipher.seal(connection.password().reveal().getBytes(StandardCharsets.UTF_8),
                        associatedData("password", connection.name(), connection.type(), connection.host(),
                                connection.port(), connection.database(), connection.url(), connection.user()))
                        .text();
        byte[] options;
        try {
            options = JSON.writeValueAsBytes(new TreeMap<>(connection.options()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
        String sealedOptions = cipher.seal(options, associatedData("options", connection.name(), connection.type(),
                connection.host(), connection.port(), connection.database(), connection.url(), connection.user()))
                .text();
        return new SealedSecrets(cipher.key().id(), password, sealedOptions);
    }

    /** @throws FerryException naming the connection when the key is another one or the row was changed */
    ConnectionConfig open(StoredConnection row) {
        Secret password = row.passwordCipher() == null ? Secret.NONE
                : new Secret(new String(open(row, "password", row.passwordCipher()), StandardCharsets.UTF_8), SOURCE);
        Map<String, String> options;
        try {
            options = JSON.readValue(open(row, "options", row.optionsCipher()), new TypeReference<>() { });
        } catch (IOException e) {
            throw damaged(row);
        }
        return new ConnectionConfig(row.name(), row.type(), row.host(), row.port(), row.database(), row.user(),
                password, row.url(), options);
    }

    private byte[] open(StoredConnection row, String purpose, String text) {
        try {
            return cipher.open(new Sealed(row.keyId(), text), associatedData(purpose, row.name(), row.type(),
                    row.host(), row.port(), row.database(), row.url(), row.user()));
        } catch (SecretCipher.OpenFailure failure) {
            if (failure.reason() == SecretCipher.OpenFailure.Reason.OTHER_KEY) {
                throw new FerryException("connection '" + row.name() + "' was encrypted with master key id "
                        + failure.sealedWith() + "; the current master key has id " + failure.current() + "; set "
                        + MasterKeys.ENV + " (or " + MasterKeys.FILE_ENV + ") to the key used when it was added");
            }
            throw damaged(row);
        }
    }

    private static FerryException damaged(StoredConnection row) {
        return new FerryException("connection '" + row.name() + "' does not decrypt although the current master key"
                + " (id " + row.keyId() + ") is the one it was encrypted with: its row in the registry was changed"
                + " outside Ferry (its password is bound to its name, type, host, port, database, url and user) or"
                + " is damaged; add it again with ferry connections add " + row.name() + " --replace");
    }

    /** Length-prefixed fields, so no two different connections give the same bytes. */
    static byte[] associatedData(String purpose, String name, ConnectionType type, String host, int port,
                                 String database, String url, String user) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(FORMAT);
            out.writeUTF(purpose);
            out.writeUTF(name);
            out.writeUTF(type.label());
            out.writeUTF(host);
            out.writeInt(port);
            out.writeUTF(database);
            out.writeBoolean(url != null);
            out.writeUTF(url == null ? "" : url);
            out.writeUTF(user);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return bytes.toByteArray();
    }
}
