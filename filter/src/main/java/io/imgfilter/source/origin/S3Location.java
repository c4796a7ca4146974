package io.imgfilter.source.origin;

import io.imgfilter.request.SourcePath;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where objects live in an S3 bucket: {@code s3://bucket/prefix} plus an endpoint (AWS's regional
 * one by default, or any S3-compatible store) and the addressing style. The object key of a source
 * path is {@code prefix/segment/segment}; each segment is encoded once, as S3 and SigV4 expect.
 *
 * <p>Virtual-hosted style puts the bucket in the host name ({@code https://bucket.s3.eu-west-1.amazonaws.com/key});
 * path style puts it first in the path ({@code http://127.0.0.1:9000/bucket/key}), which S3-compatible
 * stores usually need.
 */
public final class S3Location implements OriginLocator {

    /** Bucket names as S3 allows them today: 3 to 63 lower-case letters, digits, dots and hyphens. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final String bucket;
    private final List<String> prefix;
    private final HttpBaseUrl base;

    private S3Location(String bucket, List<String> prefix, HttpBaseUrl base) {
        this.bucket = bucket;
        this.prefix = List.copyOf(prefix);
        this.base = base;
    }

    /**
     * @param source    {@code s3://bucket} or {@code s3://bucket/prefix/in/the/bucket}
     * @param endpoint  {@code http(s)://host[:port]} of the store, or null for AWS in {@code region}
     * @param pathStyle {@code true}, {@code false}, or null for automatic: virtual-hosted on AWS
     *                  (unless the bucket name has dots), path style elsewhere
     * @throws IllegalArgumentException saying what is wrong
     */
    public static S3Location parse(String source, String endpoint, String region, Boolean pathStyle) {
        String rest = source.strip().substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("the bucket name must be 3 to 63 lower-case letters, digits, dots and hyphens,"
                    + " as in s3://my-bucket/originals");
        }
        List<String> prefix = new ArrayList<>();
        if (slash >= 0) {
            String keyPrefix = rest.substring(slash + 1);
            while (keyPrefix.endsWith("/")) {
                keyPrefix = keyPrefix.substring(0, keyPrefix.length() - 1);
            }
            if (!keyPrefix.isEmpty()) {
                for (String segment : keyPrefix.split("/", -1)) {
                    if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                        throw new IllegalArgumentException("the key prefix may not have empty, '.' or '..' segments");
                    }
                    prefix.add(segment);
                }
            }
        }
        boolean aws = endpoint == null;
        String endpointUrl = aws ? "https://s3." + region + ".amazonaws.com" : endpoint;
        HttpBaseUrl endpointBase;
        try {
            endpointBase = HttpBaseUrl.parse(endpointUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the endpoint: " + e.getMessage());
        }
        if (endpointBase.hasPath()) {
            throw new IllegalArgumentException("the endpoint may not have a path: write http(s)://host[:port]");
        }
        boolean awsHost = aws || endpointBase.host().endsWith(".amazonaws.com");
        boolean usePathStyle = pathStyle != null ? pathStyle : !(awsHost && !bucket.contains("."));
        HttpBaseUrl base = HttpBaseUrl.parse(usePathStyle
                ? endpointBase.scheme() + "://" + endpointBase.authority() + "/" + bucket
                : endpointBase.scheme() + "://" + bucket + "." + endpointBase.authority());
        return new S3Location(bucket, prefix, base);
    }

    @Override
    public URI locate(SourcePath path) {
        List<String> key = new ArrayList<>(prefix);
        key.addAll(path.segments());
        return base.locate(new SourcePath(key, path.raw()));
    }

    /** The key prefix of this location in the bucket, decoded, without a trailing '/'; empty for none. */
    public String keyPrefix() {
        return String.join("/", prefix);
    }

    /**
     * A ListObjectsV2 request for the keys that start with {@code keyPrefix} (a whole key prefix,
     * this location's included), continuing after {@code continuationToken} unless it is null.
     */
    public URI listing(String keyPrefix, String continuationToken) {
        String bucketUrl = base.toString();
        if (bucketUrl.endsWith("/") && bucketUrl.indexOf('/', bucketUrl.indexOf("//") + 2) < bucketUrl.length() - 1) {
            bucketUrl = bucketUrl.substring(0, bucketUrl.length() - 1); // path style: /bucket, not /bucket/
        }
        String query = "list-type=2&prefix=" + PathEncoding.encodeSegment(keyPrefix)
                + (continuationToken == null ? "" : "&continuation-token=" + PathEncoding.encodeSegment(continuationToken));
        return URI.create(bucketUrl + "?" + query);
    }

    @Override
    public boolean contains(URI target) {
        return base.contains(target);
    }

    boolean secure() {
        return base.secure();
    }

    String bucket() {
        return bucket;
    }

    /** For debug-level logs only. */
    @Override
    public String toString() {
        return base + PathEncoding.encodeSegments(prefix) + (prefix.isEmpty() ? "" : "/");
    }
}
