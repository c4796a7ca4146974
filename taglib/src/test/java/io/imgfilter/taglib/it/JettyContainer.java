package io.imgfilter.taglib.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.apache.jsp.JettyJasperInitializer;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * Embedded Jetty 12 (ee10) with Apache Jasper: each webapp is a {@link WebAppContext} on an
 * exploded directory, reading its WEB-INF/web.xml and the jars in WEB-INF/lib as a deployed
 * webapp would. Jasper comes in through its ServletContainerInitializer, added here because
 * the annotation scanning that would discover it is not on the classpath; it scans the jars in
 * WEB-INF/lib for TLDs and registers their listeners.
 */
final class JettyContainer implements ServletContainer {

    private final Path work;
    private final Server server = new Server();
    private final ServerConnector connector;
    private final ContextHandlerCollection contexts = new ContextHandlerCollection();

    JettyContainer(Path work) {
        this.work = work;
        // Jetty refuses %25 in a path unless told otherwise (400 "Ambiguous URI path encoding"),
        // and an original named "100%.jpg" needs it; see the README section of the tag library.
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(UriCompliance.DEFAULT.with("imgfilter", UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(contexts);
    }

    @Override
    public void start() throws Exception {
        server.start();
    }

    @Override
    public boolean deploy(String contextPath, Path directory) throws Exception {
        WebAppContext webapp = new WebAppContext(directory.toString(), contextPath);
        webapp.setTempDirectory(Files.createDirectories(work.resolve("jetty-tmp" + contextPath.replace('/', '-'))).toFile());
        webapp.addServletContainerInitializer(new JettyJasperInitializer());
        webapp.setThrowUnavailableOnStartupException(true);
        webapp.getServletHandler().setDecodeAmbiguousURIs(true);
        contexts.addHandler(webapp);
        try {
            webapp.start();
            return webapp.isAvailable();
        } catch (Exception e) {
            contexts.removeHandler(webapp);
            return false;
        }
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public String name() {
        return "Jetty " + Server.getVersion();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
