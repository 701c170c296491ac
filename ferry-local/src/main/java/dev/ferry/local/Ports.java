package dev.ferry.local;

import dev.ferry.core.FerryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free-port selection for the local stack, which avoids the servers' well-known ports on purpose. */
final class Ports {

    private Ports() {
    }

    static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as servers do, so TIME_WAIT of our last run does not count as busy
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port the OS reports free now; good enough for a single-user dev machine. */
    static int pickFree(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new FerryException("cannot find a free port on " + host + ": " + e.getMessage(), e);
        }
    }

    /**
     * The port to use: the one asked for explicitly (which must be free), else the one used last time if
     * still free, else a fresh one.
     */
    static int choose(String service, String host, Integer requested, Integer previous) {
        if (requested != null && requested > 0) {
            if (!isFree(host, requested)) {
                throw new FerryException(service + " cannot start: port " + requested + " on " + host
                        + " is already in use; free it or pick another port");
            }
            return requested;
        }
        if (previous != null && previous > 0 && isFree(host, previous)) {
            return previous;
        }
        return pickFree(host);
    }
}
