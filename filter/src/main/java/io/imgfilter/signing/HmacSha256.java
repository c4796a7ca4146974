package io.imgfilter.signing;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with one key, usable from many threads without locking: each thread gets its own
 * {@link Mac}, cloned from a prepared one (so the key schedule is computed once).
 */
final class HmacSha256 {

    static final String ALGORITHM = "HmacSHA256";
    static final int LENGTH = 32;

    private final SecretKeySpec key;
    private final Mac prototype;
    private final ThreadLocal<Mac> perThread = ThreadLocal.withInitial(this::copyOfPrototype);

    HmacSha256(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.prototype = newMac();
    }

    /** This thread's Mac for this key, reset and ready for {@code update}. */
    Mac mac() {
        Mac mac = perThread.get();
        mac.reset();
        return mac;
    }

    private Mac copyOfPrototype() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(); // a provider without cloning: initialise once per thread instead
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
