package io.imgfilter.demo.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the demo WAR in embedded Jetty: {@code java -jar example-webapp.jar}.
 *
 * <p>The WAR is the very {@code example-webapp.war} that the build puts next to this jar (or the one
 * named by {@code -Dimgfilter.demo.war=...}); it is deployed unchanged at context path {@code /}, as any
 * Servlet 6 container would. JSP works because Jetty's {@code jetty-ee10-apache-jsp} is on this jar's
 * class path: {@code JspConfiguration} and {@code AnnotationConfiguration} are found by Jetty's
 * {@code ServiceLoader}, and the latter runs {@code JettyJasperInitializer}, which scans the WAR's
 * {@code WEB-INF/lib} for tag libraries (JSTL, the imgfilter taglib).
 *
 * <p>Environment: see {@link LauncherSettings}. Exit codes: 2 for a wrong setting, 1 when the server
 * or the webapp cannot start.
 */
public final class DemoLauncher {

    /** The system property through which the webapp's web.xml gets the random key, when there is one. */
    public static final String SIGNING_KEY_PROPERTY = "imgfilter.demo.signing-key";
    /** Overrides where the WAR is looked for. */
    public static final String WAR_PROPERTY = "imgfilter.demo.war";
    static final String WAR_NAME = "example-webapp.war";

    private DemoLauncher() {
    }

    public static void main(String[] args) {
        LauncherSettings settings;
        Path war;
        try {
            settings = LauncherSettings.fromEnvironment(System.getenv());
            war = locateWar();
        } catch (IllegalArgumentException e) {
            System.err.println("imgfilter demo: " + e.getMessage());
            System.exit(2);
            return;
        }

        LauncherLogging.configure();
        Logger log = LoggerFactory.getLogger("io.imgfilter.demo");

        if (settings.signingKey().isEmpty()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            System.setProperty(SIGNING_KEY_PROPERTY, HexFormat.of().formatHex(random));
            log.warn("IMAGE_SIGNING_KEY is not set: signing image URLs with a random key for this run only."
                    + " Signed links stop working when the demo restarts; set IMAGE_SIGNING_KEY to keep them.");
        }
        String originUrl = System.getenv("IMAGE_ORIGIN_URL");
        if (originUrl != null && !originUrl.isBlank()) {
            // its address is for the operator's shell, not the log
            log.info("serving originals from the hidden HTTP origin in IMAGE_ORIGIN_URL{}",
                    isBlank(System.getenv("IMAGE_ORIGIN_AUTHORIZATION")) ? "" : ", with IMAGE_ORIGIN_AUTHORIZATION");
        } else {
            settings.originalsDir().ifPresent(dir -> log.info("serving originals from IMAGE_ORIGINALS_DIR"));
        }
        if (!isBlank(System.getenv("IMAGE_RESULT_STORE"))) {
            // the bucket is for the operator's shell; the keys never reach a log
            log.info("sharing rendered variants with the other nodes in the result store in IMAGE_RESULT_STORE{}",
                    isBlank(System.getenv("IMAGE_RESULT_STORE_ENDPOINT")) ? " (AWS)" : ", at IMAGE_RESULT_STORE_ENDPOINT");
        }

        Server server = createServer(settings.port(), war);
        try {
            server.start();
        } catch (Exception e) {
            System.err.println("imgfilter demo: " + describeStartFailure(e, settings.port()));
            stopQuietly(server);
            System.exit(1);
            return;
        }
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopped(LifeCycle event) {
                log.info("imgfilter demo stopped");
            }
        });
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        log.info("imgfilter demo running at http://localhost:{}/", port);
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    static Server createServer(int port, Path war) {
        Server server = new Server();

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(port);
        server.addConnector(connector);

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(war.toString());
        // A filter that rejects its configuration must stop the demo, not leave it answering 503.
        webapp.setThrowUnavailableOnStartupException(true);
        server.setHandler(webapp);
        server.setErrorHandler(plainErrors(new PlainErrors()));
        // keeps web.xml's error pages for what they cover; the rest is short text as well
        webapp.setErrorHandler(plainErrors(new PlainErrorPages()));

        // Ctrl-C / SIGTERM: stop Jetty, which also deletes the webapp's temporary directory
        // (the unpacked WAR and compiled JSPs under java.io.tmpdir).
        server.setStopAtShutdown(true);
        return server;
    }

    /**
     * Answers that Jetty makes itself (a malformed or ambiguous URI refused before the webapp
     * sees it): a short text, without the HTML page that echoes the request.
     */
    static ErrorHandler plainErrors(ErrorHandler errors) {
        errors.setDefaultResponseMimeType("text/plain");
        errors.setShowStacks(false);
        errors.setShowCauses(false);
        errors.setShowMessageInTitle(false);
        errors.setShowOrigin(false);
        return errors;
    }

    /**
     * Jetty's own answers (a malformed or ambiguous URI refused before the webapp sees it) as
     * one short line of text whatever the client accepts: never the HTML page that echoes the
     * request's URI.
     */
    static final class PlainErrors extends ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                     List<Charset> charsets, int code, String message, Throwable cause)
                throws IOException {
            return super.generateAcceptableResponse(request, response, callback, "text/plain", charsets, code, message, cause);
        }

        @Override
        protected void writeErrorPlain(Request request, PrintWriter writer, int code, String message, Throwable cause) {
            writer.write(shortText(code));
        }
    }

    /** The same for the webapp's own error handler, which also maps web.xml's error pages. */
    static final class PlainErrorPages extends ErrorPageErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                     List<Charset> charsets, int code, String message, Throwable cause)
                throws IOException {
            return super.generateAcceptableResponse(request, response, callback, "text/plain", charsets, code, message, cause);
        }

        @Override
        protected void writeErrorPlain(Request request, PrintWriter writer, int code, String message, Throwable cause) {
            writer.write(shortText(code));
        }
    }

    /** {@code bad request}, {@code not found}: the status's own words, nothing from the request. */
    static String shortText(int code) {
        String reason = HttpStatus.getMessage(code);
        return (reason == null ? "error " + code : reason.toLowerCase(java.util.Locale.ROOT)) + "\n";
    }

    /** {@code example-webapp.war} next to this jar (or next to target/classes when run from an IDE). */
    static Path locateWar() {
        String override = System.getProperty(WAR_PROPERTY);
        Path war;
        if (override != null && !override.isBlank()) {
            war = Path.of(override).toAbsolutePath();
        } else {
            Path codeSource;
            try {
                codeSource = Path.of(DemoLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException | RuntimeException e) {
                throw new IllegalArgumentException("cannot tell where the launcher runs from; set -D"
                        + WAR_PROPERTY + "=/path/to/" + WAR_NAME);
            }
            war = codeSource.toAbsolutePath().getParent().resolve(WAR_NAME);
        }
        if (!Files.isRegularFile(war) && !Files.isDirectory(war)) {
            throw new IllegalArgumentException("no webapp at " + war + " (build it with 'mvn package', or set -D"
                    + WAR_PROPERTY + "=/path/to/" + WAR_NAME + ")");
        }
        return war;
    }

    static String describeStartFailure(Throwable failure, int port) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return "cannot listen on port " + port + " (" + t.getMessage() + "); set PORT to a free port";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
        return "the webapp did not start: " + message;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // already failing; the start failure is what the user needs to see
        }
    }
}
