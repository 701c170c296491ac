package dev.ferry.local;

/** One kind of server the local stack can run. Implementations hold no state between calls. */
interface LocalService {

    String name();

    /**
     * Starts the server, initialising its data directory on first use, and returns once it answers.
     *
     * @param previous      what was recorded the last time it ran, or null
     * @param requestedPort port asked for on the command line, or null to choose one
     */
    ServiceState start(StackLayout layout, ServiceState previous, Integer requestedPort);

    /** True when the recorded process is alive and answers a trivial query. */
    boolean answers(ServiceState state);

    /** Stops the recorded process if it is still the one Ferry started. */
    void stop(ServiceState state);

    /** True when the recorded pid is still a process of this service. */
    boolean isOwnProcessAlive(ServiceState state);
}
