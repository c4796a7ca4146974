package io.imgfilter.config;

import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.SignatureVerifier;
import io.imgfilter.signing.UrlSigner;

/**
 * A filter's token settings: its keys, the signer and the verifier built on them (all null
 * without keys), and which requests need a token.
 */
public record Signing(KeyRing keys, UrlSigner signer, SignatureVerifier verifier, SignaturePolicy policy) {

    public static final Signing DISABLED = new Signing(null, null, null, SignaturePolicy.NONE);
}
