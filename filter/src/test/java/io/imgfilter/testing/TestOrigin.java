package io.imgfilter.testing;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A second embedded Jetty on loopback that plays the hidden origin: the test says how each path
 * answers, and every request that reaches it is recorded, headers included. Every answer carries
 * headers a proxy must never pass on ({@code Server}, {@code Set-Cookie}, {@code X-Origin-Trace}).
 */
public final class TestOrigin implements AutoCloseable {

    /** What the origin does for one path. */
    @FunctionalInterface
    public interface Behaviour {
        void answer(HttpServletRequest request, HttpServletResponse response) throws Exception;
    }

    /** One request as the origin received it. */
    public record Received(String rawPath, String decodedPath, Map<String, String> headers, String protocol) {
    }

    public static final String SERVER_HEADER = "SecretOrigin/1.0 (origin-internal)";
    public static final String TRACE_HEADER = "origin-trace-7f3a";

    private final Server server;
    private final ServerConnector connector;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
    private int pausedPort;
    private final AtomicInteger answering = new AtomicInteger();

    private TestOrigin(java.nio.file.Path keyStore, String password) throws Exception {
        server = new Server();
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setSendServerVersion(false);
        configuration.setSendDateHeader(true);
        if (keyStore == null) {
            connector = new ServerConnector(server, new HttpConnectionFactory(configuration));
        } else {
            // https with ALPN: HTTP/2 for clients that offer it, HTTP/1.1 for the others
            configuration.addCustomizer(new org.eclipse.jetty.server.SecureRequestCustomizer(false));
            HttpConnectionFactory http1 = new HttpConnectionFactory(configuration);
            var http2 = new org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory(configuration);
            var alpn = new org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory();
            alpn.setDefaultProtocol(http1.getProtocol());
            var tls = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
            tls.setKeyStorePath(keyStore.toString());
            tls.setKeyStorePassword(password);
            tls.setKeyStoreType("PKCS12");
            connector = new ServerConnector(server, new org.eclipse.jetty.server.SslConnectionFactory(tls, alpn.getProtocol()),
                    alpn, http2, http1);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new OriginServlet()), "/");
        server.setHandler(context);
        server.start();
    }

    public static TestOrigin start() throws Exception {
        return new TestOrigin(null, null);
    }

    /** An origin on https, serving HTTP/2 and HTTP/1.1, with the key and certificate in a PKCS12 key store. */
    public static TestOrigin startTls(java.nio.file.Path keyStore, String password) throws Exception {
        return new TestOrigin(keyStore, password);
    }

    /** Sets how the origin answers a decoded path such as {@code /hidden/photo.jpg}. */
    public TestOrigin on(String decodedPath, Behaviour behaviour) {
        behaviours.put(decodedPath, behaviour);
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://127.0.0.1:port}, or https for a TLS origin */
    public String url() {
        return (connector.getDefaultConnectionFactory() instanceof HttpConnectionFactory ? "http" : "https") + "://127.0.0.1:" + port();
    }

    public List<Received> received() {
        return Collections.unmodifiableList(received);
    }

    public List<Received> received(String decodedPath) {
        return received.stream().filter(r -> r.decodedPath().equals(decodedPath)).toList();
    }

    public void clear() {
        received.clear();
        maxInFlight.clear();
    }

    /**
     * The most requests for this path, or below this folder (ending in '/'), the origin was
     * answering at once since the last {@link #clear()}.
     */
    public int maxInFlight(String decodedPath) {
        AtomicInteger max = maxInFlight.get(decodedPath);
        return max == null ? 0 : max.get();
    }

    /** Closes the TCP connection of this request without a byte of answer. */
    public static void dropConnection(HttpServletRequest request) {
        ServletContextRequest.getServletContextRequest(request).getConnectionMetaData().getConnection().getEndPoint().close();
    }

    /** Requests the origin is answering now (a drip still writing counts until its client left). */
    public int answering() {
        return answering.get();
    }

    /** TCP connections open to the origin now, idle keep-alive ones included. */
    public int openConnections() {
        return connector.getConnectedEndPoints().size();
    }

    /**
     * Stops listening, so that connecting is refused, until {@link #resume()}; connections open
     * now are closed.
     */
    public void pause() throws Exception {
        pausedPort = connector.getLocalPort();
        server.stop();
    }

    /** Listens again, on the port it had. */
    public void resume() throws Exception {
        connector.setPort(pausedPort);
        server.start();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private final class OriginServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String name : Collections.list(request.getHeaderNames())) {
                headers.put(name, request.getHeader(name));
            }
            String decoded = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            received.add(new Received(request.getRequestURI(), decoded, headers, request.getProtocol()));
            // counted per path and per folder ("/hidden/pause/")
            List<String> keys = List.of(decoded, decoded.substring(0, decoded.lastIndexOf('/') + 1));
            for (String key : keys) {
                int now = inFlight.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                maxInFlight.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            }
            answering.incrementAndGet();
            try {
                response.setHeader("Server", SERVER_HEADER);
                response.setHeader("X-Origin-Trace", TRACE_HEADER);
                response.addHeader("Set-Cookie", "origin-session=" + TRACE_HEADER + "; Path=/hidden");
                Behaviour behaviour = behaviours.get(decoded);
                if (behaviour == null) {
                    response.sendError(404, "no such original at " + decoded);
                    return;
                }
                behaviour.answer(request, response);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            } finally {
                answering.decrementAndGet();
                keys.forEach(key -> inFlight.get(key).decrementAndGet());
            }
        }
    }
}
