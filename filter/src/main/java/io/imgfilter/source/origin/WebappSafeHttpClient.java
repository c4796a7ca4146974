package io.imgfilter.source.origin;

import java.net.http.HttpClient;

/** Builds the JDK's HTTP client so that none of its threads belongs to the webapp. */
public final class WebappSafeHttpClient {

    private WebappSafeHttpClient() {
    }

    /**
     * Builds the client with the system class loader as the thread's context class loader, so that
     * the client's SelectorManager thread, which it starts at once, inherits that one rather than
     * the webapp's (the filter is initialised on a thread whose context class loader is the
     * webapp's). Java 17 cannot stop that thread: it ends by itself a few seconds after the client
     * is garbage collected, which is after the webapp stopped. With the webapp's class loader as its
     * context class loader it would be a thread of the webapp outliving it, which Tomcat reports as
     * a leak when the webapp is undeployed.
     */
    public static HttpClient build(HttpClient.Builder builder) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
        } catch (SecurityException e) {
            return builder.build();
        }
        try {
            return builder.build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
