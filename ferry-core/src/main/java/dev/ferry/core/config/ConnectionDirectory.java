package dev.ferry.core.config;

import java.util.Map;
import java.util.Optional;

/**
 * Named connections kept outside config files, such as the orchestrator's connection registry, which a
 * config's pipelines may use by name. The file's own connections always come first: the directory is asked
 * only about names the file does not declare, so a config that uses only its own connections never opens it
 * (and never needs what reading it takes, such as a master key).
 */
public interface ConnectionDirectory extends AutoCloseable {

    /**
     * The connection, ready to use (password included); empty when the directory has no such name.
     *
     * @throws dev.ferry.core.FerryException when it has the name but cannot hand it out (a missing or wrong
     *                                       key, say); the message names the connection and what to do
     */
    Optional<ConnectionConfig> find(String name);

    /** Names and types of all its connections, for messages that list the choices. Reads no secrets. */
    Map<String, ConnectionType> types();

    /** What it is, for messages, such as {@code the connection registry (embedded store /srv/ferry)}. */
    String description();

    /** Releases what {@link Source#open} took (a connection pool); nothing by default. */
    @Override
    default void close() {
    }

    /** Opens the directory of one config, when one of its pipelines first names a connection it lacks. */
    @FunctionalInterface
    interface Source {

        /**
         * @param settings the config's state directory, orchestrator section and own connections, without
         *                 pipelines: they are what is being read
         * @return empty when the config has none (no registry was ever made), which leaves messages as they are
         *         without a directory
         * @throws dev.ferry.core.FerryException when there is one but it cannot be opened
         */
        Optional<ConnectionDirectory> open(FerryConfig settings);
    }
}
