package org.darkfigure.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whose address a request counts against, and where signing in may send a browser (issue 17, items 6 and 7). */
class ClientAddressAndNextTest {

    @Test
    void forwarded_for_is_believed_only_from_configured_proxies() {
        Set<String> proxies = Set.of("10.0.0.2", "10.0.0.3");
        assertEquals("127.0.0.1", ClientAddress.of("127.0.0.1", "198.51.100.7", proxies), "not a proxy: header ignored");
        assertEquals("198.51.100.7", ClientAddress.of("10.0.0.2", "198.51.100.7", proxies));
        assertEquals("198.51.100.7", ClientAddress.of("10.0.0.2", "203.0.113.1, 198.51.100.7, 10.0.0.3", proxies),
                "the nearest untrusted hop: the client cannot choose by prepending");
        assertEquals("10.0.0.2", ClientAddress.of("10.0.0.2", "10.0.0.3", proxies), "only proxies: the peer");
        assertEquals("10.0.0.2", ClientAddress.of("10.0.0.2", null, proxies));
    }

    @Test
    void next_is_a_path_on_this_server_or_the_home_page() {
        for (String bad : new String[] {"/\t/evil.example", "//evil.example", "/\\evil.example", "/%5Cevil.example",
                "/%2F/evil.example", "https://evil.example", "/ /evil.example", "/\r\nX: y", "evil.example", "",
                "/%09/evil.example", "/\u2028/evil", "/%zz"}) {
            assertEquals("/", AccessRoutes.safeNext(bad), bad);
        }
        assertEquals("/", AccessRoutes.safeNext(null));
        assertEquals("/strata/migrant/IDN/2024", AccessRoutes.safeNext("/strata/migrant/IDN/2024"));
        assertEquals("/releases?release=20260101T000000Z-abcd", AccessRoutes.safeNext("/releases?release=20260101T000000Z-abcd"));
        assertEquals("/upload", AccessRoutes.safeNext("/a/../upload"), "normalised");
    }
}
