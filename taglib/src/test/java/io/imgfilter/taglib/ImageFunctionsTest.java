package io.imgfilter.taglib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.imgfilter.ImageUrls;
import io.imgfilter.config.PlaceholderResolver;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The EL functions, and how they find the webapp: per request, or by the thread's class loader. */
class ImageFunctionsTest {

    private static final long EXP = Fixtures.NOW.getEpochSecond() + 3600;

    private final ClassLoader originalLoader = Thread.currentThread().getContextClassLoader();

    @AfterEach
    void restore() {
        CurrentContext.leave();
        Thread.currentThread().setContextClassLoader(originalLoader);
    }

    private static ServletContext webapp(ClassLoader loader) {
        ImageUrls urls = Fixtures.shop();
        ServletContext context = TagConfigTest.contextWithFilters(Map.of("imageResizer", urls));
        when(context.getAttribute(ImageUrls.CONTEXT_ATTRIBUTE)).thenReturn(urls);
        when(context.getAttribute(TagConfig.ATTRIBUTE)).thenReturn(TagConfig.parse(Map.of(), PlaceholderResolver.forThisProcess()));
        when(context.getClassLoader()).thenReturn(loader);
        return context;
    }

    private static String signed(String rawPath) {
        String unsigned = rawPath + "?exp=" + EXP + "&kid=k2";
        return unsigned + "&sig=" + Fixtures.sig(unsigned);
    }

    @Test
    void functionsReturnUrlsAsTheyAre() {
        CurrentContext.enter(webapp(null));
        assertEquals(signed("/shop/images/small/2024/caf%C3%A9%20%26%20co.jpg"), ImageFunctions.signedUrl("2024/café & co.jpg", "small"));
        String thirty = ImageFunctions.signedUrlFor("cat.jpg", "large", "30m");
        String unsigned = "/shop/images/large/cat.jpg?exp=" + (Fixtures.NOW.getEpochSecond() + 1800) + "&kid=k2";
        assertEquals(unsigned + "&sig=" + Fixtures.sig(unsigned), thirty);
        assertEquals(signed("/shop/images/small/cat.jpg") + " 300w, " + signed("/shop/images/medium/cat.jpg") + " 600w",
                ImageFunctions.srcset("cat.jpg", "small,medium"));
        assertEquals("/shop/images/thumb/cat.jpg", ImageFunctions.signedUrl("cat.jpg", "thumb"));
    }

    @Test
    void errorsQuoteTheCall() {
        CurrentContext.enter(webapp(null));
        assertEquals("img:signedUrl('cat.jpg', 'huge'): unknown preset [huge]; the presets are [thumb, small, medium, large, banner,"
                + " wide, box, tall, retina, thumb2x, same] (URLs of filter [imageResizer], presets in its init-param [presets])",
                assertThrows(ImageTagException.class, () -> ImageFunctions.signedUrl("cat.jpg", "huge")).getMessage());
        assertTrue(assertThrows(ImageTagException.class, () -> ImageFunctions.signedUrlFor("cat.jpg", "small", "later"))
                .getMessage().startsWith("img:signedUrlFor('cat.jpg', 'small', 'later'): ttl [later] is not valid"));
        assertTrue(assertThrows(ImageTagException.class, () -> ImageFunctions.signedUrl("", "small"))
                .getMessage().startsWith("img:signedUrl('', 'small'): src is empty"));
        assertTrue(assertThrows(ImageTagException.class, () -> ImageFunctions.signedUrl("cat.jpg", ""))
                .getMessage().startsWith("img:signedUrl('cat.jpg', ''): preset is empty"));
        assertTrue(assertThrows(ImageTagException.class, () -> ImageFunctions.srcset("cat.jpg", ""))
                .getMessage().startsWith("img:srcset('cat.jpg', ''): presets is empty"));
    }

    @Test
    void theRequestListenerTellsTheFunctionsTheWebapp() {
        ServletContext context = webapp(null);
        ImageTagListener listener = new ImageTagListener();
        ServletRequestEvent event = new ServletRequestEvent(context, mock(ServletRequest.class));
        listener.requestInitialized(event);
        assertSame(context, CurrentContext.get("signedUrl"));
        listener.requestDestroyed(event);
        Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[0], null));
        assertThrows(ImageTagException.class, () -> CurrentContext.get("signedUrl"));
    }

    @Test
    void withoutARequestEventTheWebappIsFoundByItsClassLoader() {
        ClassLoader webappLoader = new URLClassLoader(new URL[0], originalLoader);
        ServletContext context = webapp(webappLoader);
        ImageTagListener listener = new ImageTagListener();
        listener.contextInitialized(new ServletContextEvent(context));
        listener.contextInitialized(new ServletContextEvent(context)); // registered twice: harmless
        try {
            Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[0], webappLoader)); // a child, e.g. a JSP loader
            assertSame(context, CurrentContext.get("signedUrl"));
            assertEquals(signed("/shop/images/small/cat.jpg"), ImageFunctions.signedUrl("cat.jpg", "small"));
        } finally {
            listener.contextDestroyed(new ServletContextEvent(context));
        }
        Thread.currentThread().setContextClassLoader(webappLoader);
        String message = assertThrows(ImageTagException.class, () -> ImageFunctions.signedUrl("cat.jpg", "small")).getMessage();
        assertEquals("img:signedUrl('cat.jpg', 'small'): img:signedUrl needs the webapp of the current request, but none is known on"
                + " this thread: the tag library's listener io.imgfilter.taglib.ImageTagListener, declared in its TLD, has not run."
                + " Make sure the container scans imgfilter-taglib.jar for TLDs, or declare the listener in web.xml;"
                + " <img:url var=\"…\"/> works without it", message);
    }

    @Test
    void twoWebappsWithOneClassLoaderNeedTheRequestEvent() {
        ClassLoader shared = new URLClassLoader(new URL[0], originalLoader);
        ServletContext first = webapp(shared);
        ServletContext second = webapp(shared);
        CurrentContext.register(first);
        CurrentContext.register(second);
        try {
            Thread.currentThread().setContextClassLoader(shared);
            assertTrue(assertThrows(ImageTagException.class, () -> CurrentContext.get("srcset")).getMessage()
                    .startsWith("img:srcset needs the webapp of the current request, but none is known on this thread"
                            + " (several webapps share its class loader)"));
            CurrentContext.enter(second);
            assertSame(second, CurrentContext.get("srcset"));
        } finally {
            CurrentContext.unregister(first);
            CurrentContext.unregister(second);
        }
    }

    @Test
    void aWrongContextParamStopsTheWebappAtStartUp() {
        ServletContext context = mock(ServletContext.class);
        when(context.getInitParameterNames()).thenReturn(java.util.Collections.enumeration(java.util.List.of("imgfilter.default-ttl")));
        when(context.getInitParameter("imgfilter.default-ttl")).thenReturn("soon");
        when(context.getContextPath()).thenReturn("/shop");
        ImageTagException e = assertThrows(ImageTagException.class,
                () -> new ImageTagListener().contextInitialized(new ServletContextEvent(context)));
        assertTrue(e.getMessage().startsWith("imgfilter tag library: context-param [imgfilter.default-ttl]:[soon] is not valid"));
    }
}
