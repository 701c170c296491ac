package dev.ferry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder in front of a real server, so a test can make that server unreachable for a while
 * ({@link #cut()}, {@link #restore()}) or hang it ({@link #blackHole()}: connections are accepted and
 * nothing is answered) without stopping it for the other tests that share it.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile boolean blackHole;
    private final Object released = new Object();
    private final List<Socket> swallowed = new CopyOnWriteArrayList<>();

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        ServerSocket first = new ServerSocket();
        first.setReuseAddress(true);
        first.bind(new InetSocketAddress("127.0.0.1", 0));
        this.port = first.getLocalPort();
        listen(first);
    }

    public int port() {
        return port;
    }

    /** Refuses new connections and drops the open ones, as a stopped server would. */
    public synchronized void cut() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    /**
     * Hangs the server as seen through the proxy: open connections stop carrying bytes either way (nothing
     * is lost: what was held is passed on after {@link #restore()}), and new connections are accepted but
     * never read from nor answered, like a server whose process is stuck or a firewall that swallows packets.
     */
    public void blackHole() {
        blackHole = true;
    }

    /** Accepts connections again, on the same port; after {@link #blackHole()}, passes bytes on again. */
    public synchronized void restore() throws IOException {
        if (blackHole) {
            synchronized (released) {
                blackHole = false;
                released.notifyAll();
            }
            for (Socket socket : swallowed) {
                closeQuietly(socket); // nobody will ever answer them: their clients see the connection end
            }
            swallowed.clear();
            return;
        }
        ServerSocket again = new ServerSocket();
        again.setReuseAddress(true);
        again.bind(new InetSocketAddress("127.0.0.1", port));
        listen(again);
    }

    private void listen(ServerSocket socket) {
        server = socket;
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    if (blackHole) {
                        swallowed.add(client); // held open, never read: closed by restore(), cut() or close()
                        open.add(client);
                        continue;
                    }
                    Socket upstream = new Socket(targetHost, targetPort);
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // closed by cut() or close()
                }
            }
        }, "tcp-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[16 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitRelease();
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // a side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitRelease() throws InterruptedException {
        synchronized (released) {
            while (blackHole) {
                released.wait();
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (released) {
            blackHole = false;
            released.notifyAll();
        }
        cut();
    }
}
