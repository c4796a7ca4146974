package io.imgfilter.taglib;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;

/**
 * Registered by the tag library's TLD, so containers that scan TLDs (all JSP containers do for
 * jars in WEB-INF/lib) start it without any web.xml entry. At start-up it reads the
 * {@code imgfilter.*} context-params, so a wrong one stops the webapp with a message naming it
 * instead of breaking the first page; per request it records the webapp for the EL functions
 * (see {@link CurrentContext}). It may be registered more than once (a TLD found twice, or also
 * declared in web.xml): every step is idempotent.
 */
public class ImageTagListener implements ServletContextListener, ServletRequestListener {

    private static final System.Logger LOG = System.getLogger(ImageTagListener.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        TagConfig config;
        try {
            config = TagConfig.of(context);
        } catch (ImageTagException e) {
            // built here: a MessageFormat pattern would mangle braces and quotes in the message
            LOG.log(System.Logger.Level.ERROR, "webapp [" + context.getContextPath() + "] not started: " + e.getMessage());
            throw e;
        }
        CurrentContext.register(context);
        if (config.remote() != null) {
            LOG.log(System.Logger.Level.INFO, "imgfilter tag library: [" + context.getContextPath()
                    + "] signs image URLs from context-params: " + config.remote());
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        CurrentContext.unregister(context);
        context.removeAttribute(TagConfig.ATTRIBUTE);
    }

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        CurrentContext.enter(event.getServletContext());
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        CurrentContext.leave();
    }
}
