package dev.ferry.local;

import java.util.Locale;

/** A service's recorded state plus what a probe found just now. */
public record ServiceStatus(String name, State state, ServiceState recorded) {

    public enum State {
        RUNNING, UNRESPONSIVE, STOPPED, NOT_STARTED;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
