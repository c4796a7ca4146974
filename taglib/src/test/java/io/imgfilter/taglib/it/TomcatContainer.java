package io.imgfilter.taglib.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Embedded Tomcat with Jasper: each webapp is a context on an exploded directory with Tomcat's
 * default web.xml (JSP servlet, default servlet), its own class loader and WEB-INF/web.xml.
 * Jasper's initializer, found by Tomcat as in a standalone server, scans WEB-INF/lib for TLDs;
 * scanning the JVM's class path is switched off, as a standalone Tomcat has only its own jars
 * there, so the tag library is found exactly as users deploy it.
 */
final class TomcatContainer implements ServletContainer {

    private final Tomcat tomcat = new Tomcat();
    private Connector connector;

    TomcatContainer(Path work) throws Exception {
        tomcat.setBaseDir(Files.createDirectories(work.resolve("tomcat")).toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getHost().setAutoDeploy(false);
    }

    @Override
    public void start() throws Exception {
        connector = tomcat.getConnector();
        connector.setProperty("address", "127.0.0.1");
        tomcat.start();
    }

    @Override
    public boolean deploy(String contextPath, Path directory) throws Exception {
        // what Tomcat.addWebapp does, with the jar scanner set before the context starts
        StandardContext context = new StandardContext();
        context.setName(contextPath);
        context.setPath(contextPath);
        context.setDocBase(directory.toString());
        context.setParentClassLoader(TomcatContainer.class.getClassLoader());
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        context.setJarScanner(scanner);
        context.addLifecycleListener(tomcat.getDefaultWebXmlListener());
        ContextConfig config = new ContextConfig();
        config.setDefaultWebXml(tomcat.noDefaultWebXmlPath());
        context.addLifecycleListener(config);
        try {
            tomcat.getHost().addChild(context); // starts it: the host is running
        } catch (IllegalStateException e) {
            return false;
        }
        return context.getState() == LifecycleState.STARTED;
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public String name() {
        return ServerInfo.getServerInfo();
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
