package org.darkfigure.api;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SHA-256 a client declares for the file it uploads, as lower-case hex: {@code ?sha256=HEX}, or the
 * HTTP field {@code Repr-Digest: sha-256=:BASE64:} (RFC 9530), or the older {@code Digest: SHA-256=BASE64}
 * (RFC 3230). The intake refuses an upload whose bytes do not match (a cut that fell at a row end).
 */
final class DeclaredDigest {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern REPR = Pattern.compile("(?i)(?:^|,)\\s*sha-256=:([A-Za-z0-9+/=]+):");
    private static final Pattern LEGACY = Pattern.compile("(?i)(?:^|,)\\s*sha-256=([A-Za-z0-9+/=]+)");

    private DeclaredDigest() {
    }

    static Optional<String> of(String query, String reprDigest, String digest) {
        if (query != null) {
            if (!HEX.matcher(query.strip()).matches()) {
                throw new IllegalArgumentException("sha256 must be the file's SHA-256 as 64 hexadecimal digits");
            }
            return Optional.of(query.strip().toLowerCase(Locale.ROOT));
        }
        if (reprDigest != null) {
            Matcher m = REPR.matcher(reprDigest);
            if (m.find()) {
                return Optional.of(hex(m.group(1), "Repr-Digest"));
            }
        }
        if (digest != null) {
            Matcher m = LEGACY.matcher(digest);
            if (m.find()) {
                return Optional.of(hex(m.group(1), "Digest"));
            }
        }
        return Optional.empty(); // another algorithm only, or none: nothing to check against
    }

    private static String hex(String base64, String field) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            if (bytes.length != 32) {
                throw new IllegalArgumentException(field + "'s sha-256 must be 32 bytes, base64-encoded");
            }
            return HexFormat.of().formatHex(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + "'s sha-256 is not valid base64 of 32 bytes");
        }
    }
}
