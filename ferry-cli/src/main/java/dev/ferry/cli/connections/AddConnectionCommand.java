package dev.ferry.cli.connections;

import dev.ferry.core.FerryException;
import dev.ferry.core.config.ConnectionConfig;
import dev.ferry.core.config.ConnectionType;
import dev.ferry.core.config.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry connections add}: stores a connection, its password and options encrypted. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a connection to the registry. The password is read from an environment variable, a file,"
                + " standard input or a prompt, never from the command line.")
public final class AddConnectionCommand implements Callable<Integer> {

    @Mixin
    RegistryOptions registryOptions;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name pipelines and DAGs use (letters, digits, _ and -).")
    String name;

    @Option(names = "--type", required = true, paramLabel = "TYPE",
            description = "postgres, mariadb, mysql, clickhouse or kafka.")
    String type;

    @Option(names = "--host", paramLabel = "HOST", description = "Server host (postgres, mysql, clickhouse).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Server port (default: 5432, 3306, or 8123 for"
            + " ClickHouse's HTTP interface).")
    int port;

    @Option(names = "--database", paramLabel = "DB", description = "Database (ClickHouse default: default).")
    String database;

    @Option(names = "--user", paramLabel = "USER", description = "User to log in as (for Kafka: the SASL/PLAIN user).")
    String user;

    @Option(names = "--url", paramLabel = "URL", description = "ClickHouse HTTP URL instead of --host and --port,"
            + " such as https://ch.example.com:8443.")
    String url;

    @Option(names = "--bootstrap", paramLabel = "SERVERS", description = "Kafka bootstrap servers, host:port[,host:port].")
    String bootstrap;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "Driver or client setting, repeatable;"
            + " stored encrypted like the password.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--description", paramLabel = "TEXT", description = "What the connection is for.")
    String description;

    @Option(names = "--replace", description = "Overwrite a connection of the same name.")
    boolean replace;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    PasswordSource password;

    /** Declared only to refuse it: picocli would otherwise echo the value in its "unknown option" error. */
    @Option(names = "--password", hidden = true, arity = "0..1", paramLabel = "REFUSED")
    String plainPassword;

    @Override
    public Integer call() {
        if (plainPassword != null) {
            throw new FerryException("--password is not accepted: a password on the command line stays in shell"
                    + " history and shows in the process list; use --password-env NAME, --password-file PATH or"
                    + " --password-stdin, or leave them out to be asked");
        }
        ConnectionType connectionType = ConnectionType.parse(type).orElseThrow(() -> new FerryException(
                "--type: expected one of " + String.join(", ", ConnectionType.byName().keySet()) + ", got '" + type
                        + "'"));
        ConnectionSpec spec = new ConnectionSpec(name, connectionType, host, port, database, user, url, bootstrap,
                options);
        // checked before asking for a password, so a typo does not cost a prompt
        spec.toConfig(Secret.NONE);
        Secret secret = PasswordSource.read(password, name, spec.needsPassword(), System.getenv(), System.in,
                PasswordSource.terminal());
        ConnectionConfig connection = spec.toConfig(secret);
        try (RegistryOptions.OpenRegistry open = registryOptions.open()) {
            boolean replaced = open.registry().add(connection, description, replace);
            System.out.println((replaced ? "replaced" : "added") + " connection '" + name + "' ("
                    + connectionType.label() + ", " + where(connection) + ") in " + open.registry().description()
                    + (secret == Secret.NONE ? ", without a password" : ", password encrypted"));
            if (open.settings().connections().containsKey(name)) {
                System.out.println("note: " + open.settings().file() + " defines a connection '" + name + "' too;"
                        + " pipelines and tasks of that file use the file's own");
            }
            System.out.println("check it with: ferry connections test " + name);
        }
        return 0;
    }

    static String where(ConnectionConfig connection) {
        if (connection.type() == ConnectionType.KAFKA) {
            return connection.host();
        }
        String address = connection.url() != null ? connection.url() : connection.host() + ":" + connection.port();
        return address + "/" + connection.database();
    }
}
