package io.imgfilter.taglib;

import jakarta.servlet.ServletContext;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Finds the webapp an EL function runs in. EL functions are static methods and get no page
 * context, so {@link ImageTagListener} records it in two ways:
 *
 * <ul>
 *   <li>per request, in a thread-local set when the request enters the webapp and cleared when
 *       it leaves: exact, even when several webapps share the tag library's classes;</li>
 *   <li>per webapp class loader, at start-up: containers run a webapp's requests with its class
 *       loader as the thread's context class loader, also on the threads of asynchronous
 *       requests, which no request event reaches.</li>
 * </ul>
 */
final class CurrentContext {

    private static final ThreadLocal<ServletContext> REQUEST = new ThreadLocal<>();
    /** Class loader → its ServletContext, or {@link #SHARED} when two webapps run with one loader. */
    private static final ConcurrentMap<ClassLoader, Object> BY_LOADER = new ConcurrentHashMap<>();
    private static final Object SHARED = new Object();

    private CurrentContext() {
    }

    static void enter(ServletContext context) {
        REQUEST.set(context);
    }

    static void leave() {
        REQUEST.remove();
    }

    static void register(ServletContext context) {
        ClassLoader loader = loaderOf(context);
        if (loader != null) {
            BY_LOADER.merge(loader, context, (old, added) -> old == added ? old : SHARED);
        }
    }

    static void unregister(ServletContext context) {
        ClassLoader loader = loaderOf(context);
        if (loader != null) {
            BY_LOADER.remove(loader, context);
        }
    }

    /**
     * @param function the function's name without prefix ({@code signedUrl}), for the message
     * @throws ImageTagException when no webapp is known on this thread
     */
    static ServletContext get(String function) {
        ServletContext context = REQUEST.get();
        if (context != null) {
            return context;
        }
        boolean shared = false;
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null; loader = loader.getParent()) {
            Object found = BY_LOADER.get(loader);
            if (found instanceof ServletContext registered) {
                return registered;
            }
            shared |= found == SHARED;
        }
        throw new ImageTagException("img:" + function + " needs the webapp of the current request, but none is known on this thread"
                + (shared ? " (several webapps share its class loader)" : "")
                + ": the tag library's listener io.imgfilter.taglib.ImageTagListener, declared in its TLD, has not run."
                + " Make sure the container scans imgfilter-taglib.jar for TLDs, or declare the listener in web.xml;"
                + " <img:url var=\"…\"/> works without it");
    }

    private static ClassLoader loaderOf(ServletContext context) {
        ClassLoader loader = null;
        try {
            loader = context.getClassLoader();
        } catch (SecurityException | UnsupportedOperationException e) {
            // fall back to the thread's, which containers set to the webapp's during start-up
        }
        return loader != null ? loader : Thread.currentThread().getContextClassLoader();
    }
}
