package org.darkfigure.validate;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A pattern of the standard compiled for speed: the common shapes {@code [class]+} and
 * {@code [class][class]*} become a lookup table over ASCII characters; anything else stays a regular
 * expression. Matches exactly what {@link Pattern#matches} would.
 */
final class ValueMatcher {

    private ValueMatcher() {
    }

    static Predicate<String> of(Pattern pattern) {
        String p = pattern.pattern();
        if (p.matches("\\[[^\\[\\]\\\\^]+\\]\\+")) {
            boolean[] allowed = table(p.substring(1, p.length() - 2));
            return s -> !s.isEmpty() && all(s, 0, allowed);
        }
        java.util.regex.Matcher m = Pattern.compile("\\[([^\\[\\]\\\\^]+)\\]\\[([^\\[\\]\\\\^]+)\\]\\*").matcher(p);
        if (m.matches()) {
            boolean[] first = table(m.group(1));
            boolean[] rest = table(m.group(2));
            return s -> !s.isEmpty() && s.charAt(0) < 128 && first[s.charAt(0)] && all(s, 1, rest);
        }
        return s -> pattern.matcher(s).matches();
    }

    private static boolean all(String s, int from, boolean[] allowed) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || !allowed[c]) {
                return false;
            }
        }
        return true;
    }

    /** A character class body such as A-Za-z0-9._:- (a '-' first or last is literal) as an ASCII table. */
    private static boolean[] table(String body) {
        boolean[] allowed = new boolean[128];
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                for (char x = c; x <= body.charAt(i + 2); x++) {
                    allowed[x] = true;
                }
                i += 2;
            } else {
                allowed[c] = true;
            }
        }
        return allowed;
    }
}
