package io.imgfilter.config;

import io.imgfilter.source.origin.S3Location;
import io.imgfilter.source.origin.SigV4Signer;

/**
 * Where the nodes share rendered variants ({@code result-store}): a bucket and prefix, and the
 * store's own credentials, never the source's. {@link #toString()} names no secret.
 *
 * @param location the bucket, its prefix, the endpoint and the addressing style
 * @param signer   signs every request with {@code result-store-access-key-id} and its secret
 * @param spec     the value of {@code result-store} as resolved, {@code s3://bucket/prefix}
 */
public record ResultStoreLocation(S3Location location, SigV4Signer signer, String spec) {

    @Override
    public String toString() {
        return "result store " + spec + " (" + signer + ")";
    }
}
