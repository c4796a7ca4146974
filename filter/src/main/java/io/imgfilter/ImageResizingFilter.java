package io.imgfilter;

import io.imgfilter.config.FilterSettings;
import io.imgfilter.config.InvalidConfigException;
import io.imgfilter.config.PlaceholderResolver;
import io.imgfilter.config.SettingsParser;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves resized variants of images whose originals stay hidden. Added to any Servlet 6 webapp
 * in web.xml and mapped to a path such as {@code /images/*}, it answers
 * {@code /images/{preset}/{source path}} (and, when enabled, {@code /images/width=400,fit=cover/{source path}})
 * with the original, found under the configured source, resized as the preset says. Requests
 * outside its patterns pass down the chain untouched. Several instances with different settings
 * may live in one webapp.
 *
 * <p>Init-params (each value may use {@code ${env:NAME}}, {@code ${sys:name}} and
 * {@code ${env:NAME:-fallback}}); an unknown name or a bad value stops start-up with a message
 * naming it:
 * <table>
 * <caption>Init-params</caption>
 * <tr><th>name</th><th>meaning</th><th>default</th><th>example</th></tr>
 * <tr><td>source</td><td>where the originals are: webapp resources under a path (never served
 *     directly when under WEB-INF) or an absolute directory</td><td>required</td>
 *     <td>{@code webapp:/WEB-INF/originals}, {@code /srv/photos}</td></tr>
 * <tr><td>presets</td><td>named variants, one per line or separated by {@code ;}, as
 *     {@code name: options}; the flag {@code public} marks a variant served without token</td>
 *     <td>none</td><td>{@code thumb: width=150,height=150,fit=cover,public; small: width=300}</td></tr>
 * <tr><td>presets-file</td><td>a properties file of presets, {@code name = options}</td><td>none</td>
 *     <td>{@code webapp:/WEB-INF/presets.properties}</td></tr>
 * <tr><td>flexible-options</td><td>whether URLs may carry options instead of a preset name</td>
 *     <td>false</td><td>true</td></tr>
 * <tr><td>max-width</td><td>widest output in pixels (dpr included); wider requests are 400</td>
 *     <td>2000</td><td>1000</td></tr>
 * <tr><td>max-height</td><td>tallest output in pixels (dpr included)</td><td>2000</td><td>1000</td></tr>
 * <tr><td>max-dpr</td><td>largest device pixel ratio, 1 to 5</td><td>3</td><td>2</td></tr>
 * <tr><td>max-source-pixels</td><td>originals with more pixels are refused (413) before decoding</td>
 *     <td>50000000</td><td>24000000</td></tr>
 * <tr><td>max-source-bytes</td><td>originals with more bytes are refused (413)</td><td>25MB</td><td>10MB</td></tr>
 * <tr><td>default-quality</td><td>JPEG quality 1–100 when no preset or URL sets it</td><td>85</td><td>80</td></tr>
 * <tr><td>cache-max-age</td><td>{@code Cache-Control: max-age} of image answers</td><td>1d</td><td>7d</td></tr>
 * <tr><td>path-prefix</td><td>the prefix to strip from request paths; derived from the filter's
 *     {@code /prefix/*} URL pattern when unset</td><td>from the mapping</td><td>/images</td></tr>
 * </table>
 *
 * <p>Options, in presets and URLs: {@code width}, {@code height} (pixels), {@code fit}
 * ({@code scale-down} default, {@code contain}, {@code cover}, {@code crop}, {@code pad}),
 * {@code quality} (1–100), {@code format} ({@code jpeg}, {@code png}; default: JPEG stays JPEG,
 * anything else becomes PNG), {@code dpr} (1 to max-dpr).
 */
public class ImageResizingFilter implements Filter {

    private static final System.Logger LOG = System.getLogger(ImageResizingFilter.class.getName());

    private volatile PathPrefixes prefixes;
    private volatile ImageHandler handler;

    @Override
    public void init(FilterConfig config) throws ServletException {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            params.put(name, config.getInitParameter(name));
        }
        FilterSettings settings;
        try {
            settings = new SettingsParser(config.getFilterName(), config.getServletContext(),
                    PlaceholderResolver.forThisProcess()).parse(params);
        } catch (InvalidConfigException e) {
            throw new ServletException(e.getMessage(), e);
        }
        this.prefixes = settings.pathPrefix() != null ? PathPrefixes.of(settings.pathPrefix()) : derivePrefixes(config);
        this.handler = new ImageHandler(settings);
        LOG.log(System.Logger.Level.INFO, "imgfilter: filter [{0}] serves {1} from {2} with presets {3}{4}",
                config.getFilterName(), prefixes, settings.source().describe(), settings.presets(),
                settings.flexibleOptions() ? " and flexible options" : "");
    }

    private static PathPrefixes derivePrefixes(FilterConfig config) {
        FilterRegistration registration = config.getServletContext().getFilterRegistration(config.getFilterName());
        if (registration == null) {
            return PathPrefixes.fromUrlPatterns(List.of());
        }
        return PathPrefixes.fromUrlPatterns(registration.getUrlPatternMappings());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest httpRequest) || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        // The raw, undecoded path: containers differ in how they decode and normalise, and the
        // source path parser must see exactly what the client sent.
        String uri = httpRequest.getRequestURI();
        String contextPath = httpRequest.getContextPath();
        String inContext = uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
        String below = prefixes.strip(inContext);
        if (below == null) {
            chain.doFilter(request, response);
            return;
        }
        handler.handle(httpRequest, httpResponse, below);
    }

    @Override
    public void destroy() {
        handler = null;
    }
}
