package io.imgfilter.source.origin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for requests without a body, as Amazon S3 and S3-compatible stores
 * expect it (Authorization header, {@code x-amz-date}, {@code x-amz-content-sha256}). The path is
 * signed as S3 wants it: each segment URI-encoded once (never twice) and not normalised.
 *
 * <pre>
 * CanonicalRequest = method \n canonicalURI \n canonicalQuery \n canonicalHeaders \n signedHeaders \n payloadHash
 * StringToSign     = "AWS4-HMAC-SHA256" \n amzDate \n yyyyMMdd/region/service/aws4_request \n hex(SHA-256(CanonicalRequest))
 * SigningKey       = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, yyyyMMdd), region), service), "aws4_request")
 * Signature        = hex(HMAC(SigningKey, StringToSign))
 * </pre>
 *
 * Every header the request carries is signed, plus {@code host}. The secret never leaves this
 * object: {@link #toString()} names the access key id and region only.
 */
public final class SigV4Signer implements RequestAuthenticator {

    /** The hex SHA-256 of an empty body. */
    public static final String EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
    private static final HexFormat HEX = HexFormat.of();

    private final String accessKeyId;
    private final byte[] secret;
    private final String sessionToken;
    private final String region;
    private final String service;
    private final Clock clock;
    private volatile DatedKey signingKey;

    private record DatedKey(String date, byte[] key) {
    }

    /**
     * @param sessionToken the token of temporary credentials ({@code x-amz-security-token}), or null
     */
    public SigV4Signer(String accessKeyId, String secretAccessKey, String sessionToken, String region, String service,
            Clock clock) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId);
        this.secret = ("AWS4" + Objects.requireNonNull(secretAccessKey)).getBytes(StandardCharsets.UTF_8);
        this.sessionToken = sessionToken == null || sessionToken.isEmpty() ? null : sessionToken;
        this.region = Objects.requireNonNull(region);
        this.service = Objects.requireNonNull(service);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public List<Map.Entry<String, String>> headers(String method, URI uri, List<Map.Entry<String, String>> headers) {
        return sign(method, uri, headers, EMPTY_PAYLOAD_SHA256);
    }

    @Override
    public boolean sendsCredentials() {
        return true;
    }

    /**
     * Signs a request.
     *
     * @param headers     the headers the request will carry besides the ones returned (all are signed)
     * @param payloadHash hex SHA-256 of the body, or {@code UNSIGNED-PAYLOAD}
     * @return the headers to add: {@code x-amz-date}, {@code x-amz-content-sha256},
     *         {@code x-amz-security-token} with temporary credentials, and {@code Authorization}
     */
    public List<Map.Entry<String, String>> sign(String method, URI uri, List<Map.Entry<String, String>> headers,
            String payloadHash) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
        String amzDate = AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);

        List<Map.Entry<String, String>> added = new ArrayList<>(4);
        added.add(Map.entry("x-amz-date", amzDate));
        added.add(Map.entry("x-amz-content-sha256", payloadHash));
        if (sessionToken != null) {
            added.add(Map.entry("x-amz-security-token", sessionToken));
        }

        TreeMap<String, String> canonical = new TreeMap<>();
        canonical.put("host", hostHeader(uri));
        for (List<Map.Entry<String, String>> list : List.of(headers, added)) {
            for (Map.Entry<String, String> header : list) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                String value = trimAll(header.getValue());
                canonical.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (Map.Entry<String, String> header : canonical.entrySet()) {
            canonicalHeaders.append(header.getKey()).append(':').append(header.getValue()).append('\n');
        }
        String signedHeaders = String.join(";", canonical.keySet());

        String canonicalRequest = method + '\n'
                + canonicalUri(uri.getRawPath()) + '\n'
                + canonicalQuery(uri.getRawQuery()) + '\n'
                + canonicalHeaders + '\n'
                + signedHeaders + '\n'
                + payloadHash;
        String scope = date + '/' + region + '/' + service + "/aws4_request";
        String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + HEX.formatHex(sha256(canonicalRequest));
        String signature = HEX.formatHex(hmac(signingKey(date), stringToSign));

        added.add(Map.entry("Authorization", ALGORITHM + " Credential=" + accessKeyId + '/' + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature));
        return added;
    }

    /** The Host header as HTTP clients write it: the port only when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** Each segment decoded and encoded again the SigV4 way, so the result never depends on how the URI was written. */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String[] segments = rawPath.split("/", -1);
        StringBuilder out = new StringBuilder(rawPath.length());
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(PathEncoding.encodeSegment(PathEncoding.decodeSegment(segments[i])));
        }
        return out.toString();
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String parameter : rawQuery.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int eq = parameter.indexOf('=');
            String name = eq < 0 ? parameter : parameter.substring(0, eq);
            String value = eq < 0 ? "" : parameter.substring(eq + 1);
            pairs.add(new String[] {
                PathEncoding.encodeSegment(PathEncoding.decodeSegment(name.replace("+", "%20"))),
                PathEncoding.encodeSegment(PathEncoding.decodeSegment(value.replace("+", "%20")))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    /** Leading and trailing spaces removed, inner runs of spaces made one, as SigV4 asks. */
    private static String trimAll(String value) {
        return value.strip().replaceAll("\\s+", " ");
    }

    private byte[] signingKey(String date) {
        DatedKey cached = signingKey;
        if (cached != null && cached.date().equals(date)) {
            return cached.key();
        }
        byte[] key = hmac(secret, date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        signingKey = new DatedKey(date, key);
        return key;
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(String data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The access key id, region and service; never the secret or the session token. */
    @Override
    public String toString() {
        return "SigV4[" + accessKeyId + ", " + region + ", " + service + "]";
    }
}
