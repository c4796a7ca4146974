package io.imgfilter;

import io.imgfilter.config.FilterSettings;
import io.imgfilter.config.InvalidConfigException;
import io.imgfilter.config.PlaceholderResolver;
import io.imgfilter.config.SignaturePolicy;
import io.imgfilter.config.SettingsParser;
import io.imgfilter.config.Signing;
import io.imgfilter.signing.SigningKey;
import io.imgfilter.signing.KeyRing;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
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
 *     directly when under WEB-INF), an absolute directory, a hidden HTTP(S) origin's base URL or an
 *     S3 bucket</td><td>required</td>
 *     <td>{@code webapp:/WEB-INF/originals}, {@code /srv/photos}, {@code https://secret.example.com/hidden},
 *     {@code s3://bucket/prefix}</td></tr>
 * <tr><td>presets</td><td>named variants, one per line or separated by {@code ;}, as
 *     {@code name: options}; the flag {@code public} marks a variant served without token</td>
 *     <td>none</td><td>{@code thumb: width=150,height=150,fit=cover,public; small: width=300}</td></tr>
 * <tr><td>presets-file</td><td>a properties file of presets, {@code name = options}</td><td>none</td>
 *     <td>{@code webapp:/WEB-INF/presets.properties}</td></tr>
 * <tr><td>server-timing</td><td>image answers carry {@code Server-Timing: memory|disk|store|render;dur=ms}</td>
 *     <td>false</td><td>true</td></tr>
 * <tr><td>cache-tag-header</td><td>a header naming the original on every variant, for a CDN's purge by tag
 *     ({@code imgfilter-} and a hash of the source path)</td><td>none</td><td>Surrogate-Key</td></tr>
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
 * <tr><td>signing-keys</td><td>HMAC-SHA256 secrets, {@code secret} or {@code id:secret}, comma-separated;
 *     the first signs, all verify (rotation)</td><td>none</td><td>{@code k2:${env:KEY_NEW},k1:${env:KEY_OLD}}</td></tr>
 * <tr><td>signature-required</td><td>which requests need a valid token: {@code all} (except public
 *     presets), {@code flexible} (options URLs only) or {@code none}</td><td>all when a key is set, else none</td><td>flexible</td></tr>
 * <tr><td>signing-scheme</td><td>{@code path-and-query} signs the whole path and query;
 *     {@code image-variant-expiry} signs {@code {imageId}{variant}{exp}}</td><td>path-and-query</td><td>image-variant-expiry</td></tr>
 * <tr><td>signature-leeway</td><td>how long after {@code exp} a token is still accepted, for clock skew</td><td>30s</td><td>2m</td></tr>
 * <tr><td>max-token-lifetime</td><td>tokens expiring further ahead are refused</td><td>none (365d under image-variant-expiry)</td><td>7d</td></tr>
 * <tr><td>cache-size</td><td>bytes of rendered variants kept in memory; 0 keeps none</td><td>64MB</td><td>256MB</td></tr>
 * <tr><td>cache-directory</td><td>a directory where rendered variants are kept across restarts</td><td>none</td><td>/var/cache/imgfilter</td></tr>
 * <tr><td>cache-directory-size</td><td>bound of that directory; least recently used files go first</td><td>1GB</td><td>10GB</td></tr>
 * <tr><td>render-threads</td><td>renders running at once</td><td>number of cores</td><td>4</td></tr>
 * <tr><td>render-queue</td><td>renders waiting at most; beyond, 503 with Retry-After</td><td>64</td><td>16</td></tr>
 * <tr><td>render-timeout</td><td>how long a request waits for its render; then 503</td><td>10s</td><td>5s</td></tr>
 * <tr><td>render-memory</td><td>heap renders may hold at once, as a share of the maximum heap or a size;
 * reserved per render from an estimate made before decoding</td><td>25%</td><td>128MB</td></tr>
 * <tr><td>max-source-scans</td><td>JPEGs with more scans are refused before decoding (413)</td><td>100</td><td>50</td></tr>
 * <tr><td>origin-headers</td><td>headers sent to an HTTP or S3 origin, one {@code Name: value} per line;
 *     an empty value is not sent</td><td>none</td><td>{@code Authorization: Bearer ${env:ORIGIN_TOKEN}}</td></tr>
 * <tr><td>origin-auth</td><td>{@code private}: images from an origin that needs credentials are sent
 *     {@code Cache-Control: private}; {@code share-publicly}: public</td><td>private</td><td>share-publicly</td></tr>
 * <tr><td>origin-connect-timeout</td><td>longest wait for a connection to the origin (then 504)</td><td>3s</td><td>2s</td></tr>
 * <tr><td>origin-timeout</td><td>longest wait for a whole original (then 504)</td><td>10s</td><td>5s</td></tr>
 * <tr><td>origin-max-connections</td><td>most requests to the origin at once</td><td>16</td><td>32</td></tr>
 * <tr><td>origin-cache-size</td><td>memory for the bytes of originals kept, so a new variant of an unchanged one costs a
 *     304; 0 for none (validators are kept for every original regardless)</td><td>32MB</td><td>256MB</td></tr>
 * <tr><td>origin-stale-if-error</td><td>how long after the origin last confirmed an original its cached variants are
 *     still served while the origin fails (refused, timed out, 5xx); 0 for never</td><td>1d</td><td>1h</td></tr>
 * <tr><td>s3-endpoint</td><td>an S3-compatible store instead of AWS</td><td>AWS in s3-region</td><td>{@code http://127.0.0.1:9000}</td></tr>
 * <tr><td>s3-region</td><td>the bucket's region</td><td>us-east-1</td><td>eu-west-3</td></tr>
 * <tr><td>s3-path-style</td><td>bucket in the path ({@code true}), in the host name ({@code false}) or
 *     {@code auto}</td><td>auto</td><td>true</td></tr>
 * <tr><td>s3-access-key-id</td><td>signs S3 requests (SigV4); unsigned without it</td><td>none</td><td>{@code ${env:AWS_ACCESS_KEY_ID}}</td></tr>
 * <tr><td>s3-secret-access-key</td><td>the secret access key</td><td>none</td><td>{@code ${env:AWS_SECRET_ACCESS_KEY}}</td></tr>
 * <tr><td>s3-session-token</td><td>the token of temporary credentials</td><td>none</td><td>{@code ${env:AWS_SESSION_TOKEN}}</td></tr>
 * <tr><td>result-store</td><td>an S3 bucket, {@code s3://bucket/prefix}, that every node shares rendered variants in,
 *     read after memory and disk and written after each render; unset or empty for none</td><td>none</td><td>{@code s3://my-variants/v1}</td></tr>
 * <tr><td>result-store-endpoint</td><td>an S3-compatible store instead of AWS</td><td>AWS in result-store-region</td><td>{@code http://127.0.0.1:9000}</td></tr>
 * <tr><td>result-store-region</td><td>the store bucket's region</td><td>us-east-1</td><td>eu-west-3</td></tr>
 * <tr><td>result-store-path-style</td><td>bucket in the path ({@code true}), in the host name ({@code false}) or
 *     {@code auto}</td><td>auto</td><td>true</td></tr>
 * <tr><td>result-store-access-key-id</td><td>signs the store's requests (SigV4); required with result-store, never the
 *     source's key</td><td>none</td><td>{@code ${env:RESULT_STORE_ACCESS_KEY_ID}}</td></tr>
 * <tr><td>result-store-secret-access-key</td><td>its secret access key</td><td>none</td><td>{@code ${env:RESULT_STORE_SECRET_ACCESS_KEY}}</td></tr>
 * </table>
 *
 * <p>Each filter publishes an {@link ImageUrls} in the ServletContext, under
 * {@link ImageUrls#contextAttribute(String)} and, for the first filter, {@link ImageUrls#CONTEXT_ATTRIBUTE},
 * so pages and code sign URLs with the same keys and presets.
 *
 * <p>Options, in presets and URLs: {@code width}, {@code height} (pixels), {@code fit}
 * ({@code scale-down} default, {@code contain}, {@code cover}, {@code crop}, {@code pad}),
 * {@code quality} (1–100), {@code format} ({@code jpeg}, {@code png}; default: JPEG stays JPEG,
 * anything else becomes PNG), {@code dpr} (1 to max-dpr).
 */
public class ImageResizingFilter implements Filter {

    private static final System.Logger LOG = System.getLogger(ImageResizingFilter.class.getName());

    private final ImageFilterStatistics statistics = new ImageFilterStatistics();
    private ObjectName mbeanName;
    private volatile PathPrefixes prefixes;
    private volatile ImageHandler handler;
    private FilterConfig config;

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
        try {
            this.handler = new ImageHandler(settings, config.getFilterName(), statistics);
        } catch (IOException e) {
            throw new ServletException("Filter [" + config.getFilterName() + "]: init-param [cache-directory] cannot be used: "
                    + e.getMessage(), e);
        }
        this.config = config;
        registerMBean(config);
        publish(config, settings);
        warnAboutWeakKeys(config.getFilterName(), settings);
        warnAboutOpenOptions(config.getFilterName(), settings);
        // Messages are built here, not by the logger: under java.util.logging a pattern with
        // parameters is a MessageFormat, and a value holding braces (${env:…}) or quotes breaks it.
        LOG.log(System.Logger.Level.INFO, "imgfilter: filter [" + config.getFilterName() + "] serves " + prefixes + " from "
                + settings.source().describe() + " with presets " + settings.presets()
                + (settings.flexibleOptions() ? " and flexible options" : ""));
    }

    /** What this filter has done since it started; also registered with JMX. */
    public ImageFilterStatistics statistics() {
        return statistics;
    }

    private void registerMBean(FilterConfig config) {
        String contextPath = config.getServletContext().getContextPath();
        try {
            ObjectName name = new ObjectName("io.imgfilter:type=ImageResizingFilter,context="
                    + ObjectName.quote(contextPath.isEmpty() ? "/" : contextPath) + ",name=" + ObjectName.quote(config.getFilterName()));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // a previous deployment of the same webapp that did not stop cleanly
            }
            server.registerMBean(statistics, name);
            mbeanName = name;
        } catch (JMException | SecurityException e) {
            LOG.log(System.Logger.Level.WARNING, "imgfilter: statistics not registered with JMX: " + e);
        }
    }

    private void unregisterMBean() {
        if (mbeanName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            } catch (JMException | SecurityException e) {
                LOG.log(System.Logger.Level.DEBUG, "imgfilter: " + e);
            }
            mbeanName = null;
        }
    }

    private void publish(FilterConfig config, FilterSettings settings) {
        ServletContext context = config.getServletContext();
        Signing signing = settings.signing();
        ImageUrls urls = new ImageUrls(context.getContextPath() + prefixes.primary(), settings.presets(),
                settings.flexibleOptions() ? settings.options() : null, signing.signer(), signing.policy());
        context.setAttribute(ImageUrls.contextAttribute(config.getFilterName()), urls);
        if (context.getAttribute(ImageUrls.CONTEXT_ATTRIBUTE) == null) {
            context.setAttribute(ImageUrls.CONTEXT_ATTRIBUTE, urls);
        }
    }

    /**
     * Flexible options without signatures let anyone ask for any size, quality and format up to
     * the limits: every distinct URL a new render. Allowed (a private network, a test), but said.
     */
    private static void warnAboutOpenOptions(String filterName, FilterSettings settings) {
        if (settings.flexibleOptions() && settings.signing().policy() == SignaturePolicy.NONE) {
            LOG.log(System.Logger.Level.WARNING, "imgfilter: filter [" + filterName + "] takes flexible options without"
                    + " signed URLs: anyone may ask for any size, quality and format up to the limits, each a new render;"
                    + " set signing-keys (flexible options then need a token) unless this is on purpose");
        }
    }

    private static void warnAboutWeakKeys(String filterName, FilterSettings settings) {
        KeyRing keys = settings.signing().keys();
        if (keys == null) {
            return;
        }
        for (SigningKey key : keys.keys()) {
            if (key.isWeak()) {
                LOG.log(System.Logger.Level.WARNING, "imgfilter: filter [" + filterName + "]: signing key " + key.id()
                        + " is shorter than " + SigningKey.RECOMMENDED_MIN_BYTES + " bytes; use a random secret of at least"
                        + " 32 bytes (openssl rand -hex 32)");
            }
        }
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
        ImageHandler closing = handler;
        if (closing != null) {
            closing.close();
        }
        unregisterMBean();
        if (config != null) {
            ServletContext context = config.getServletContext();
            Object published = context.getAttribute(ImageUrls.contextAttribute(config.getFilterName()));
            context.removeAttribute(ImageUrls.contextAttribute(config.getFilterName()));
            if (published != null && published == context.getAttribute(ImageUrls.CONTEXT_ATTRIBUTE)) {
                context.removeAttribute(ImageUrls.CONTEXT_ATTRIBUTE);
            }
        }
        handler = null;
    }
}
