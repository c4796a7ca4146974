package io.imgfilter.source.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Our SigV4 signer against AWS's published example and against the AWS SDK's own signer
 * ({@code AwsV4HttpSigner}, configured as the SDK's S3 client configures it), over many object
 * keys: spaces, every sub-delimiter, percent signs, accents, CJK, emoji, combining marks.
 */
class SigV4SignerTest {

    static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    /** "Example: GET Object" of the Amazon S3 API reference, "Signature Calculations for the Authorization Header". */
    @Test
    void awsDocumentationGetObjectExample() {
        Clock clock = Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC);
        SigV4Signer signer = new SigV4Signer(KEY_ID, SECRET, null, "us-east-1", "s3", clock);
        List<Map.Entry<String, String>> added = signer.sign("GET", URI.create("https://examplebucket.s3.amazonaws.com/test.txt"),
                List.of(Map.entry("Range", "bytes=0-9")), SigV4Signer.EMPTY_PAYLOAD_SHA256);
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + " SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + " Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", header(added, "Authorization"));
        assertEquals("20130524T000000Z", header(added, "x-amz-date"));
        assertEquals(SigV4Signer.EMPTY_PAYLOAD_SHA256, header(added, "x-amz-content-sha256"));
    }

    static Stream<Arguments> requests() {
        List<List<String>> keys = List.of(
                List.of("photo.jpg"),
                List.of("2024", "café terrace.jpg"),
                List.of("a b", "c  d.jpg"),
                List.of("plus+sign.jpg"),
                List.of("sub!$&'()*+,;=delims.jpg"),
                List.of("colon:at@.jpg"),
                List.of("100%.jpg", "%41.jpg", "%2F.jpg"),
                List.of("tilde~under_score-dash.jpg"),
                List.of("日本語", "写真.png"),
                List.of("emoji 😀🐈.png"),
                List.of("combining e\u0301 and precomposed é.jpg"),
                List.of("ß", "Ωmega", "кот.jpg"),
                List.of("question?hash#.jpg"),
                List.of("bracket[1]{2}<3>|^`.jpg"),
                List.of("quote\"back\\slash.jpg"),
                List.of("UPPER", "lower", "MiXeD.JPG"),
                List.of("deep", "er", "and", "deeper", "still", "x.jpg"),
                List.of("tab\there.jpg"),
                List.of("trailing space .jpg"));
        List<String> endpoints = List.of("https://bucket.s3.eu-west-3.amazonaws.com/", "http://127.0.0.1:9000/bucket/",
                "https://s3.us-east-1.amazonaws.com/my.bucket/prefix/", "http://[::1]:8333/b/");
        List<Arguments> cases = new ArrayList<>();
        int i = 0;
        for (List<String> key : keys) {
            for (String endpoint : endpoints) {
                String region = List.of("us-east-1", "eu-west-3", "ap-southeast-2", "auto").get(i % 4);
                String token = i % 3 == 0 ? "FQoGZXIvYXdzE//session+token=" + i : null;
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Accept-Encoding", "identity");
                if (i % 2 == 0) {
                    headers.put("If-None-Match", "\"etag-" + i + "\"");
                    headers.put("If-Modified-Since", "Fri, 01 Mar 2024 10:15:30 GMT");
                }
                if (i % 5 == 0) {
                    headers.put("X-Custom-Header", "  spaced    out   value  ");
                }
                Instant at = Instant.parse("2024-02-29T23:59:59Z").plusSeconds(86_400L * 37 * i + 3_601L * i);
                cases.add(Arguments.of(endpoint + PathEncoding.encodeSegments(key), region, token, headers, at));
                i++;
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("requests")
    void signsExactlyAsTheAwsSdk(String url, String region, String token, Map<String, String> headers, Instant at) {
        URI uri = URI.create(url);
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        SigV4Signer ours = new SigV4Signer(KEY_ID, SECRET, token, region, "s3", clock);
        List<Map.Entry<String, String>> added = ours.sign("GET", uri, List.copyOf(headers.entrySet()), SigV4Signer.EMPTY_PAYLOAD_SHA256);

        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri);
        headers.forEach(request::putHeader);
        request.putHeader("x-amz-content-sha256", SigV4Signer.EMPTY_PAYLOAD_SHA256);
        AwsCredentialsIdentity identity = token == null ? AwsCredentialsIdentity.create(KEY_ID, SECRET)
                : AwsSessionCredentialsIdentity.create(KEY_ID, SECRET, token);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(request.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        SdkHttpRequest sdk = signed.request();

        assertEquals(sdk.firstMatchingHeader("Authorization").orElseThrow(), header(added, "Authorization"), url);
        assertEquals(sdk.firstMatchingHeader("X-Amz-Date").orElseThrow(), header(added, "x-amz-date"));
        if (token != null) {
            assertEquals(sdk.firstMatchingHeader("X-Amz-Security-Token").orElseThrow(), header(added, "x-amz-security-token"));
        }
    }

    @Test
    void theSignatureCoversPathHostDateAndSecret() {
        Clock clock = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
        URI uri = URI.create("http://127.0.0.1:9000/bucket/photo.jpg");
        String base = sign(new SigV4Signer(KEY_ID, SECRET, null, "us-east-1", "s3", clock), uri);
        assertNotEquals(base, sign(new SigV4Signer(KEY_ID, SECRET + "x", null, "us-east-1", "s3", clock), uri));
        assertNotEquals(base, sign(new SigV4Signer(KEY_ID, SECRET, null, "us-east-1", "s3", clock),
                URI.create("http://127.0.0.1:9000/bucket/photo.jpeg")));
        assertNotEquals(base, sign(new SigV4Signer(KEY_ID, SECRET, null, "us-east-1", "s3", clock),
                URI.create("http://127.0.0.1:9001/bucket/photo.jpg")));
        assertNotEquals(base, sign(new SigV4Signer(KEY_ID, SECRET, null, "us-east-1", "s3",
                Clock.offset(clock, java.time.Duration.ofSeconds(1))), uri));
    }

    @Test
    void neverShowsTheSecret() {
        SigV4Signer signer = new SigV4Signer(KEY_ID, SECRET, "session-token-value", "us-east-1", "s3", Clock.systemUTC());
        assertFalse(signer.toString().contains(SECRET));
        assertFalse(signer.toString().contains("session-token-value"));
    }

    @Test
    void canonicalFormsDoNotDependOnHowTheUriWasWritten() {
        assertEquals("/b/caf%C3%A9%20x.jpg", SigV4Signer.canonicalUri("/b/caf%c3%a9%20x.jpg"));
        assertEquals("/b/a%2Bb%21.jpg", SigV4Signer.canonicalUri("/b/a+b!.jpg"));
        assertEquals("/", SigV4Signer.canonicalUri(""));
        assertEquals("a=1&a=2&b=%20&c=", SigV4Signer.canonicalQuery("c&b=+&a=2&a=1"));
    }

    private static String sign(SigV4Signer signer, URI uri) {
        return header(signer.sign("GET", uri, List.of(), SigV4Signer.EMPTY_PAYLOAD_SHA256), "Authorization");
    }

    static String header(List<Map.Entry<String, String>> headers, String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElseThrow();
    }
}
