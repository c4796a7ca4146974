package io.imgfilter.demo.launcher;

import java.util.logging.Level;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * One readable log on standard output: slf4j-simple, with Jetty at WARN and our own loggers
 * ({@code io.imgfilter.*}, the filter included) at INFO. java.util.logging, and so
 * {@link System.Logger}, is routed to it too. Anything set with {@code -D} on the command line wins.
 */
final class LauncherLogging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private LauncherLogging() {
    }

    static void configure() {
        setDefault("logFile", "System.out");
        setDefault("defaultLogLevel", "warn");
        setDefault("log.io.imgfilter", "info");
        // Jasper looks for XML schemas it never uses (JSP validation is off) and warns at each start
        setDefault("log.org.apache.tomcat.util.descriptor.DigesterFactory", "error");
        setDefault("showDateTime", "true");
        setDefault("dateTimeFormat", "HH:mm:ss.SSS");
        setDefault("showThreadName", "false");
        setDefault("showShortLogName", "true");

        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        java.util.logging.Logger.getLogger("").setLevel(Level.INFO);
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
