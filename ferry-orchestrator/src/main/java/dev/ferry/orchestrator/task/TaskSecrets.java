package dev.ferry.orchestrator.task;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What tasks must keep secret: the values to mask in everything stored or printed about a task, and the
 * environment child processes start from, without the variables secrets were read from.
 *
 * @param environment the environment Ferry runs in (a parameter so tests and embedding programs decide it)
 * @param variables   names of variables secrets were read from ({@code ${env:NAME}}, the master key's)
 * @param values      the secret values known now; a supplier because registry connections are resolved (and
 *                    their passwords learnt) while tasks run
 */
public record TaskSecrets(Map<String, String> environment, Set<String> variables,
                          Supplier<? extends Collection<String>> values) {

    public TaskSecrets {
        environment = Map.copyOf(environment);
        variables = Set.copyOf(variables);
    }

    /** No secrets; child processes inherit Ferry's environment. For tests and runs without a config. */
    public static TaskSecrets none() {
        return new TaskSecrets(System.getenv(), Set.of(), List::of);
    }

    public SecretMask mask() {
        return SecretMask.of(values.get());
    }

    /**
     * Ferry's environment less every variable a secret was read from, and less every variable that holds a
     * known secret under another name (PGPASSWORD set to the same password): a command's {@code env} or
     * {@code echo $X} must not be able to print it.
     */
    public Map<String, String> childEnvironment() {
        List<String> secrets = mask().secrets();
        Map<String, String> child = new LinkedHashMap<>(environment);
        child.keySet().removeAll(variables);
        child.values().removeIf(secrets::contains);
        return child;
    }
}
