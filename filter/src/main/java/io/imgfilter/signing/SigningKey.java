package io.imgfilter.signing;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One HMAC-SHA256 secret, with an optional key id ({@code kid}) so that URLs can say which key
 * signed them during a rotation.
 *
 * <p>The secret is the UTF-8 encoding of the configured string, as in the signing schemes this
 * library interoperates with. It is held only inside a prepared {@code Mac} and never leaves this
 * object: {@link #toString()} shows the id only.
 */
public final class SigningKey {

    /** What a key id may look like: it travels in URLs and logs, so it stays short and plain. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Secrets shorter than this many bytes are accepted but reported by {@link #isWeak()}. */
    public static final int RECOMMENDED_MIN_BYTES = 32;

    private final String id;
    private final boolean weak;
    private final HmacSha256 hmac;

    private SigningKey(String id, byte[] secret) {
        this.id = id;
        this.weak = secret.length < RECOMMENDED_MIN_BYTES;
        this.hmac = new HmacSha256(secret);
    }

    /**
     * @param id     the key id, or {@code null} for a key without one
     * @param secret the shared secret; its UTF-8 bytes are the HMAC key
     * @throws IllegalArgumentException when the id does not match {@link #ID_PATTERN} or the
     *                                  secret is empty or blank (the message never shows the secret)
     */
    public static SigningKey of(String id, String secret) {
        Objects.requireNonNull(secret, "secret");
        if (id != null && !ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "key id [" + id + "] is not valid; allowed: " + ID_PATTERN.pattern());
        }
        if (secret.isBlank()) {
            throw new IllegalArgumentException(
                    "the signing secret " + (id == null ? "" : "of key [" + id + "] ") + "is empty");
        }
        return new SigningKey(id, secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A key without an id. */
    public static SigningKey of(String secret) {
        return of(null, secret);
    }

    /** The key id, or {@code null} when this key has none. */
    public String id() {
        return id;
    }

    public boolean hasId() {
        return id != null;
    }

    /** Whether the secret is shorter than {@value #RECOMMENDED_MIN_BYTES} bytes, too short for HMAC-SHA256. */
    public boolean isWeak() {
        return weak;
    }

    HmacSha256 hmac() {
        return hmac;
    }

    /** Shows the id only, never the secret nor its length. */
    @Override
    public String toString() {
        return id == null ? "SigningKey[no id]" : "SigningKey[id=" + id + "]";
    }
}
