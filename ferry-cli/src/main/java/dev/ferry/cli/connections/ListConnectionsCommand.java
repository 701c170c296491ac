package dev.ferry.cli.connections;

import dev.ferry.orchestrator.connections.RegisteredConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry connections list}: what the registry holds, never a password; needs no master key. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the registry's connections (no passwords; needs no master key).")
public final class ListConnectionsCommand implements Callable<Integer> {

    private static final List<String> HEADERS = List.of("NAME", "TYPE", "ADDRESS", "DATABASE", "USER", "DESCRIPTION");
    private static final List<Function<RegisteredConnection, String>> COLUMNS = List.of(
            RegisteredConnection::name,
            connection -> connection.type().label(),
            RegisteredConnection::address,
            RegisteredConnection::database,
            RegisteredConnection::user,
            connection -> connection.description() == null ? "" : connection.description());

    @Mixin
    RegistryOptions registryOptions;

    @Override
    public Integer call() {
        try (RegistryOptions.OpenRegistry open = registryOptions.open()) {
            List<RegisteredConnection> connections = open.registry().list();
            if (connections.isEmpty()) {
                System.out.println("no connections in " + open.registry().description()
                        + "; add one with ferry connections add NAME --type TYPE ...");
                return 0;
            }
            print(connections);
        }
        return 0;
    }

    private static void print(List<RegisteredConnection> connections) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (RegisteredConnection connection : connections) {
            rows.add(COLUMNS.stream().map(column -> oneLine(column.apply(connection))).toList());
        }
        int[] widths = new int[HEADERS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            System.out.println(line.toString().stripTrailing());
        }
    }

    /** A description with line breaks would break the table. */
    private static String oneLine(String value) {
        return value == null ? "" : value.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
