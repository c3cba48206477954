package org.darkfigure.pseudonymise;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashing with the programme secret: HMAC-SHA256 with a separate derived key per purpose
 * (linkage key, date of birth, document, Bloom-filter bits), so a value hashed for one field can never
 * be compared with another field's hash. Without the secret nobody can rebuild a key from a name.
 */
public final class Keyring {

    private final byte[] secret;

    public Keyring(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the programme secret must have at least 16 bytes (it has "
                    + secret.length + "); use a long random value");
        }
        this.secret = secret.clone();
    }

    /** A MAC for one purpose, keyed with HMAC(secret, purpose). Not thread-safe: one per thread. */
    public Mac mac(String purpose) {
        try {
            Mac root = Mac.getInstance("HmacSHA256");
            root.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] derived = root.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derived, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    /** URL-safe base64 of HMAC(purpose key, value), without padding: 43 characters. */
    public static String token(Mac mac, String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }
}
