package io.imgfilter;

import io.imgfilter.config.FilterSettings;
import io.imgfilter.config.Signing;
import io.imgfilter.http.Conditional;
import io.imgfilter.http.HttpProblem;
import io.imgfilter.http.Responses;
import io.imgfilter.render.ImageRenderer;
import io.imgfilter.render.RenderedImage;
import io.imgfilter.request.ImageRequest;
import io.imgfilter.request.ImageRequestParser;
import io.imgfilter.signing.RefusalLog;
import io.imgfilter.signing.SignedRequest;
import io.imgfilter.signing.Verdict;
import io.imgfilter.source.OriginException;
import io.imgfilter.source.Original;
import io.imgfilter.source.OriginalTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Answers one image request: parse the URL, check its token when it needs one, fetch the
 * original, answer a revalidation with 304, otherwise render and send. Every failure ends as a short plain-text status; the details,
 * including where the original lives, stay in the server log.
 */
final class ImageHandler {

    private static final System.Logger LOG = System.getLogger(ImageResizingFilter.class.getName());

    private final FilterSettings settings;
    private final ImageRequestParser parser;
    private final ImageRenderer renderer;
    private final String publicCacheControl;
    private final RefusalLog refusals = RefusalLog.create();

    ImageHandler(FilterSettings settings) {
        this.settings = settings;
        this.parser = new ImageRequestParser(settings.presets(), settings.options(), settings.flexibleOptions());
        this.renderer = new ImageRenderer(settings.maxSourcePixels(), settings.defaultQuality());
        // Images made from an origin that needs credentials stay out of shared caches unless the
        // operator said otherwise (origin-auth = share-publicly).
        this.publicCacheControl = (settings.source().privateResults() ? "private" : "public")
                + ", max-age=" + settings.cacheMaxAge().toSeconds();
    }

    /**
     * @param pathBelowPrefix the raw path below the filter's mapping, e.g. {@code /small/cat.jpg}
     */
    void handle(HttpServletRequest request, HttpServletResponse response, String pathBelowPrefix) throws IOException {
        boolean head = "HEAD".equals(request.getMethod());
        try {
            if (!head && !"GET".equals(request.getMethod())) {
                throw new HttpProblem(405, "method not allowed");
            }
            ImageRequest imageRequest = parser.parse(pathBelowPrefix);
            String cacheControl = checkToken(imageRequest, request);
            Original original = fetch(imageRequest, request);
            String etag = etag(original, imageRequest);
            if (Conditional.notModified(request, etag, original.lastModified())) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                writeValidators(response, etag, original, cacheControl);
                return;
            }
            RenderedImage image = renderer.render(original.content(), imageRequest.options());
            response.setStatus(HttpServletResponse.SC_OK);
            writeValidators(response, etag, original, cacheControl);
            response.setContentType(image.format().mediaType());
            response.setContentLength(image.data().length);
            if (!head) {
                response.getOutputStream().write(image.data());
            }
        } catch (HttpProblem problem) {
            Responses.sendProblem(response, problem, !head);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "imgfilter: failed to serve " + request.getRequestURI(), e);
            Responses.sendProblem(response, new HttpProblem(500, "internal error"), !head);
        }
    }

    private Original fetch(ImageRequest imageRequest, HttpServletRequest request) throws HttpProblem {
        try {
            return settings.source().fetch(imageRequest.source()).orElseThrow(HttpProblem::notFound);
        } catch (OriginalTooLargeException e) {
            throw new HttpProblem(413, "image too large");
        } catch (OriginException e) {
            // The message says what went wrong, never where: the origin's address stays at debug level.
            LOG.log(System.Logger.Level.WARNING, "imgfilter: origin failed for " + request.getRequestURI() + ": "
                    + e.getMessage());
            throw new HttpProblem(e.status(), e.clientMessage());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "imgfilter: " + settings.source().describe() + " failed for "
                    + request.getRequestURI(), e);
            throw new HttpProblem(500, "internal error");
        }
    }

    /**
     * Refuses a request that needs a token and has no valid one, before any source is asked.
     *
     * @return the Cache-Control value for the answer: for a signed answer, private and never
     *         longer than the token's remaining life
     */
    private String checkToken(ImageRequest imageRequest, HttpServletRequest request) throws HttpProblem {
        Signing signing = settings.signing();
        if (!signing.policy().requiresToken(imageRequest)) {
            return publicCacheControl;
        }
        Verdict verdict = signing.verifier().verify(SignedRequest.of(request.getRequestURI(), request.getQueryString(),
                imageRequest.source().decoded(), imageRequest.variant()));
        if (!(verdict instanceof Verdict.Valid valid)) {
            refusals.refused(verdict, request.getRequestURI());
            throw new HttpProblem(403, "invalid or expired signature");
        }
        long maxAge = Math.max(0, Math.min(settings.cacheMaxAge().toSeconds(), valid.remaining().toSeconds()));
        return "private, max-age=" + maxAge;
    }

    void close() {
        refusals.flush();
        settings.source().close();
    }

    private void writeValidators(HttpServletResponse response, String etag, Original original, String cacheControl) {
        Responses.hardenHeaders(response);
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", cacheControl);
        if (original.lastModified() != null) {
            response.setDateHeader("Last-Modified", original.lastModified().toEpochMilli());
        }
    }

    /**
     * A strong validator known before rendering: the same original version and the same options
     * always render the same bytes.
     */
    private static String etag(Original original, ImageRequest imageRequest) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(imageRequest.source().decoded().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(original.version().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(imageRequest.options().canonical().getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha256.digest();
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
