package io.imgfilter.signing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keys a site signs and verifies with, for rotation without broken links: the first key
 * signs, every key verifies. Immutable and safe to share between threads.
 */
public final class KeyRing {

    private final List<SigningKey> keys;

    private KeyRing(List<SigningKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key ring needs at least one signing key");
        }
        Set<String> ids = new HashSet<>();
        for (SigningKey key : keys) {
            Objects.requireNonNull(key, "key");
            if (key.hasId() && !ids.add(key.id())) {
                throw new IllegalArgumentException("duplicate key id [" + key.id() + "]");
            }
        }
        this.keys = keys;
    }

    /**
     * @param keys newest first: the first signs
     * @throws IllegalArgumentException when empty or when two keys share an id
     */
    public static KeyRing of(List<SigningKey> keys) {
        return new KeyRing(List.copyOf(keys));
    }

    /** @see #of(List) */
    public static KeyRing of(SigningKey... keys) {
        return new KeyRing(List.of(keys));
    }

    /**
     * Reads a key ring from its one-string form, as kept in an environment variable:
     * entries separated by commas or line breaks, newest first, each either {@code secret} or
     * {@code id:secret}.
     *
     * <ul>
     *   <li>An entry has an id only when it contains a {@code ':'}; the id is the text before the
     *       first one and must match {@link SigningKey#ID_PATTERN}, the rest is the secret.</li>
     *   <li>A secret that itself contains {@code ':'} is written with an id, or after a leading
     *       {@code ':'} for no id ({@code :sec:ret} is the secret {@code sec:ret} without id).</li>
     *   <li>Blanks around entries, ids and secrets are ignored, and so are empty entries. Secrets
     *       with commas, line breaks or surrounding blanks need {@link #of(SigningKey...)}.</li>
     * </ul>
     *
     * <p>Error messages never quote the spec, since it holds secrets.
     *
     * @throws IllegalArgumentException when there is no key, an id is invalid or repeated, or a
     *                                  secret is empty
     */
    public static KeyRing parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("the signing key is empty");
        }
        List<SigningKey> keys = new ArrayList<>();
        int entryNumber = 0;
        for (String rawEntry : spec.split("[,\r\n]")) {
            String entry = rawEntry.strip();
            if (entry.isEmpty()) {
                continue;
            }
            entryNumber++;
            keys.add(parseEntry(entry, entryNumber));
        }
        return new KeyRing(List.copyOf(keys));
    }

    private static SigningKey parseEntry(String entry, int entryNumber) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            return SigningKey.of(null, entry);
        }
        String id = entry.substring(0, colon).strip();
        String secret = entry.substring(colon + 1).strip();
        if (!id.isEmpty() && !SigningKey.ID_PATTERN.matcher(id).matches()) {
            // do not quote the id: it may be the start of a secret that contains ':'
            throw new IllegalArgumentException("signing key entry " + entryNumber
                    + ": the text before ':' is not a key id (" + SigningKey.ID_PATTERN.pattern()
                    + "); start the entry with ':' when the secret itself contains ':'");
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("signing key entry " + entryNumber + " has an empty secret");
        }
        return SigningKey.of(id.isEmpty() ? null : id, secret);
    }

    /** The key new URLs are signed with: the first one. */
    public SigningKey signingKey() {
        return keys.get(0);
    }

    /** All keys, newest (signing) first. */
    public List<SigningKey> keys() {
        return keys;
    }

    public int size() {
        return keys.size();
    }

    /**
     * The key whose id equals {@code text[from, to)}, or {@code null}. Compares in place so that
     * verifying a request does not copy its {@code kid}.
     */
    SigningKey findById(String text, int from, int to) {
        int length = to - from;
        for (SigningKey key : keys) {
            String id = key.id();
            if (id != null && id.length() == length && text.regionMatches(from, id, 0, length)) {
                return key;
            }
        }
        return null;
    }

    /** Lists the key ids only. */
    @Override
    public String toString() {
        return keys.stream().map(k -> k.hasId() ? k.id() : "(no id)")
                .collect(Collectors.joining(", ", "KeyRing[", "]"));
    }
}
