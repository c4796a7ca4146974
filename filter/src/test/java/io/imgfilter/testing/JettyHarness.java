package io.imgfilter.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real embedded Jetty 12 (ee10) with the filter under test, reachable both over loopback HTTP
 * (for ordinary requests) and through a {@link LocalConnector} (for raw request lines that no
 * HTTP client would send). Behind the filter sits a servlet that answers "passed through", so
 * tests can tell what the filter let by.
 */
public final class JettyHarness implements AutoCloseable {

    public static final String PASSED_THROUGH = "passed through";

    private final Server server;
    private final LocalConnector local;
    private final ServerConnector http;
    private final ServletContextHandler context;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private JettyHarness(boolean lenientUris, String contextPath) {
        server = new Server();
        HttpConfiguration configuration = new HttpConfiguration();
        if (lenientUris) {
            // Let every odd URI through to the filter, to prove the filter refuses it by itself
            // (other containers are more forgiving than Jetty's defaults).
            configuration.setUriCompliance(UriCompliance.UNSAFE);
            configuration.setHttpCompliance(HttpCompliance.LEGACY);
        }
        local = new LocalConnector(server, new HttpConnectionFactory(configuration));
        http = new ServerConnector(server, new HttpConnectionFactory(configuration));
        http.setHost("127.0.0.1");
        http.setPort(0);
        server.addConnector(local);
        server.addConnector(http);
        context = new ServletContextHandler(contextPath);
        if (lenientUris) {
            context.getServletHandler().setDecodeAmbiguousURIs(true);
        }
        context.addServlet(new ServletHolder(new PassThroughServlet()), "/");
        server.setHandler(context);
    }

    /** Starts a context at {@code contextPath} after {@code setup} has added filters to it. */
    public static JettyHarness start(String contextPath, boolean lenientUris, Consumer<ServletContextHandler> setup) throws Exception {
        JettyHarness harness = new JettyHarness(lenientUris, contextPath);
        setup.accept(harness.context);
        harness.server.start();
        return harness;
    }

    /** Adds an ImageResizingFilter with these init-params at one URL pattern. */
    public static void addFilter(ServletContextHandler context, String name, String pattern, Map<String, String> params) {
        FilterHolder holder = new FilterHolder(io.imgfilter.ImageResizingFilter.class);
        holder.setName(name);
        holder.setInitParameters(params);
        context.addFilter(holder, pattern, EnumSet.of(DispatcherType.REQUEST));
    }

    /**
     * Starts Jetty with an ImageResizingFilter named {@code imageResizer} on {@code /images/*} with
     * these init-params, expecting start-up to fail.
     *
     * @return the messages of the failure and its causes, one per line
     */
    public static String startupFailure(Map<String, String> params) {
        Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> {
            try (JettyHarness ignored = start("", false, c -> addFilter(c, "imageResizer", "/images/*", params))) {
                // never reached when start-up fails
            }
        });
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    /** The loopback HTTP port. */
    public int port() {
        return http.getLocalPort();
    }

    public ServletContextHandler context() {
        return context;
    }

    public HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        return send("GET", pathAndQuery, headers);
    }

    public HttpResponse<byte[]> send(String method, String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.getLocalPort() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends a raw GET for exactly this request target, byte for byte. */
    public HttpTester.Response rawGet(String target) throws Exception {
        String request = "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        ByteBuffer response = local.getResponse(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)), 5, TimeUnit.SECONDS);
        return HttpTester.parseResponse(response);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static final class PassThroughServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().print(PASSED_THROUGH);
        }
    }
}
