package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.testing.JettyHarness;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The origin init-params are checked at start-up, with messages that name the param and never a secret. */
class OriginStartupValidationTest {

    @TempDir
    Path originals;

    private static Map<String, String> http() {
        Map<String, String> params = new HashMap<>();
        params.put("source", "https://secret.example.com/hidden");
        params.put("presets", "small: width=300");
        return params;
    }

    private static Map<String, String> s3() {
        Map<String, String> params = new HashMap<>();
        params.put("source", "s3://my-bucket/photos");
        params.put("presets", "small: width=300");
        return params;
    }

    private static String startupFailure(Map<String, String> params) {
        return JettyHarness.startupFailure(params);
    }

    private static void starts(Map<String, String> params) throws Exception {
        try (JettyHarness jetty = JettyHarness.start("", false, c -> JettyHarness.addFilter(c, "imageResizer", "/images/*", params))) {
            assertEquals(JettyHarness.PASSED_THROUGH, new String(jetty.get("/other").body()));
        }
    }

    @Test
    void validOriginsStart() throws Exception {
        Map<String, String> params = http();
        params.put("origin-headers", "Authorization: Bearer ${env:IMGFILTER_TEST_SURELY_UNSET|x}\nCookie: a=b");
        params.put("origin-timeout", "5s");
        params.put("origin-auth", "share-publicly");
        starts(params);
        Map<String, String> bucket = s3();
        bucket.put("s3-access-key-id", "AKIDEXAMPLE");
        bucket.put("s3-secret-access-key", "${env:IMGFILTER_TEST_SURELY_UNSET|secret}");
        bucket.put("s3-region", "eu-west-3");
        bucket.put("s3-path-style", "false");
        starts(bucket);
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
        Map<String, String> params = http();
        params.put("source", "https://admin:hunter2@secret.example.com/hidden");
        String message = startupFailure(params);
        assertTrue(message.contains("init-param [source]:[https://…@secret.example.com/hidden] is not valid: credentials in the URL"), message);
        assertFalse(message.contains("hunter2"), message);
    }

    @Test
    void badBaseUrls() {
        Map<String, String> params = http();
        params.put("source", "https://secret.example.com/a/../b");
        assertTrue(startupFailure(params).contains("the base path may not have empty, '.' or '..' segments"));
        params.put("source", "https://secret.example.com/a?token=1");
        assertTrue(startupFailure(params).contains("may not have a query"));
    }

    @Test
    void malformedHeadersNeverShowTheValue() {
        Map<String, String> params = http();
        params.put("origin-headers", "Authorization Bearer t0p-s3cret");
        String message = startupFailure(params);
        assertTrue(message.contains("init-param [origin-headers] is not valid: line 1 is not Name: value"), message);
        assertFalse(message.contains("t0p-s3cret"), message);
        params.put("origin-headers", "Host: t0p-s3cret");
        message = startupFailure(params);
        assertTrue(message.contains("header Host is set by the filter itself"), message);
        assertFalse(message.contains("t0p-s3cret"), message);
    }

    @Test
    void timeoutsConnectionsCacheAndAuth() {
        Map<String, String> params = http();
        params.put("origin-timeout", "0");
        assertTrue(startupFailure(params).contains("init-param [origin-timeout]:[0] is not valid; expected from 1s to 10m"));
        params.remove("origin-timeout");
        params.put("origin-connect-timeout", "soon");
        assertTrue(startupFailure(params).contains("init-param [origin-connect-timeout]:[soon] is not valid; expected seconds"));
        params.remove("origin-connect-timeout");
        params.put("origin-max-connections", "0");
        assertTrue(startupFailure(params).contains("init-param [origin-max-connections]:[0] is not valid; expected a whole number from 1 to 1000"));
        params.remove("origin-max-connections");
        params.put("origin-cache-size", "lots");
        assertTrue(startupFailure(params).contains("init-param [origin-cache-size]:[lots] is not valid"));
        params.remove("origin-cache-size");
        params.put("origin-auth", "public");
        assertTrue(startupFailure(params).contains("init-param [origin-auth]:[public] is not valid; expected private or share-publicly"));
    }

    @Test
    void s3Settings() {
        Map<String, String> params = s3();
        params.put("source", "s3://Not_A_Bucket/x");
        assertTrue(startupFailure(params).contains("init-param [source]:[s3://Not_A_Bucket/x] is not valid: the bucket name"));
        params = s3();
        params.put("s3-region", "Mars 1");
        assertTrue(startupFailure(params).contains("init-param [s3-region]:[mars 1] is not valid; expected a region name"));
        params = s3();
        params.put("s3-path-style", "maybe");
        assertTrue(startupFailure(params).contains("init-param [s3-path-style]:[maybe] is not valid; expected true, false or auto"));
        params = s3();
        params.put("s3-endpoint", "http://minio.local:9000/some/path");
        assertTrue(startupFailure(params).contains("init-param [s3-endpoint]:[http://minio.local:9000/some/path] is not valid: the endpoint may not have a path"));
        params = s3();
        params.put("s3-secret-access-key", "wJalrXUtnFEMI-very-secret");
        String message = startupFailure(params);
        assertTrue(message.contains("init-param [s3-access-key-id] is required with [s3-secret-access-key]"), message);
        assertFalse(message.contains("very-secret"), message);
        params.put("s3-access-key-id", "AKID");
        params.put("origin-headers", "Authorization: Basic abc");
        assertTrue(startupFailure(params).contains("an Authorization header cannot be sent to S3 together with signed requests"));
    }

    private Map<String, String> withStore() {
        Map<String, String> params = new HashMap<>();
        params.put("source", originals.toString());
        params.put("presets", "small: width=300");
        params.put("result-store", "s3://shared-variants/v1");
        params.put("result-store-endpoint", "http://127.0.0.1:9");
        params.put("result-store-access-key-id", "AKIDSTORE");
        params.put("result-store-secret-access-key", "${env:IMGFILTER_TEST_SURELY_UNSET|store-very-secret}");
        return params;
    }

    @Test
    void resultStoreSettings() throws Exception {
        starts(withStore()); // the store is only asked when a variant is looked up
        Map<String, String> params = withStore();
        params.put("result-store", "https://shared-variants.example.com/v1");
        String message = startupFailure(params);
        assertTrue(message.contains("init-param [result-store]:[https://shared-variants.example.com/v1] is not valid;"
                + " expected s3://bucket or s3://bucket/prefix"), message);
        params = withStore();
        params.put("result-store", "s3://Not_A_Bucket/v1");
        assertTrue(startupFailure(params).contains("init-param [result-store]:[s3://Not_A_Bucket/v1] is not valid: the bucket name"));
        params = withStore();
        params.put("result-store", "s3://shared-variants/a//b");
        assertTrue(startupFailure(params).contains("init-param [result-store]:[s3://shared-variants/a//b] is not valid: the key prefix"));
        params = withStore();
        params.put("result-store-region", "Mars 1");
        assertTrue(startupFailure(params).contains("init-param [result-store-region]:[mars 1] is not valid; expected a region name"));
        params = withStore();
        params.put("result-store-path-style", "maybe");
        assertTrue(startupFailure(params).contains("init-param [result-store-path-style]:[maybe] is not valid; expected true, false or auto"));
        params = withStore();
        params.put("result-store-endpoint", "http://user:pa55word@minio.local:9000/some/path");
        message = startupFailure(params);
        assertTrue(message.contains("init-param [result-store-endpoint]:[http://…@minio.local:9000/some/path] is not valid"), message);
        assertFalse(message.contains("pa55word"), message);
        params = withStore();
        params.put("result-store-secret-access-key", "store secret with spaces");
        message = startupFailure(params);
        assertTrue(message.contains("init-param [result-store-secret-access-key] is not valid: expected printable ASCII"), message);
        assertFalse(message.contains("store secret"), message);
    }

    @Test
    void theResultStoreNeverBorrowsTheSourcesCredentials() {
        Map<String, String> params = s3();
        params.put("s3-access-key-id", "AKIDORIGIN");
        params.put("s3-secret-access-key", "origin-very-secret");
        params.put("result-store", "s3://shared-variants/v1");
        String message = startupFailure(params);
        assertTrue(message.contains("init-param [result-store-access-key-id] is required with [result-store]:[s3://shared-variants/v1]"),
                message);
        assertTrue(message.contains("never uses the source's s3-* credentials"), message);
        assertFalse(message.contains("origin-very-secret"), message);
        params.put("result-store-access-key-id", "AKIDSTORE");
        message = startupFailure(params);
        assertTrue(message.contains("init-param [result-store-secret-access-key] is required with [result-store]"), message);
    }

    @Test
    void anUnsetResultStoreVariableMeansNoStore() throws Exception {
        Map<String, String> params = withStore();
        params.put("result-store", "${env:IMGFILTER_TEST_SURELY_UNSET|}");
        params.put("result-store-endpoint", "${env:IMGFILTER_TEST_SURELY_UNSET|}");
        params.put("result-store-access-key-id", "${env:IMGFILTER_TEST_SURELY_UNSET|}");
        params.put("result-store-secret-access-key", "${env:IMGFILTER_TEST_SURELY_UNSET|}");
        starts(params);
    }

    @Test
    void aDirectorySourceIgnoresAnEmptyOriginHeader() throws Exception {
        Map<String, String> params = new HashMap<>();
        params.put("source", originals.toString());
        params.put("presets", "small: width=300");
        params.put("origin-headers", "Authorization: ${env:IMGFILTER_TEST_SURELY_UNSET|}");
        starts(params);
    }
}
