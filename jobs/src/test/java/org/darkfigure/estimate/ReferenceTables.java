package org.darkfigure.estimate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the reference capture-history tables copied from ../shared/refdata/mse (see its README). */
final class ReferenceTables {

    private ReferenceTables() {
    }

    static CaptureHistory load(String dataset) {
        String resource = "/refdata/mse/" + dataset + ".csv";
        try (InputStream in = ReferenceTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no reference table " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = reader.readLine().split(",");
            List<String> lists = Arrays.asList(header).subList(0, header.length - 1);
            Map<Integer, Long> counts = new HashMap<>();
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                int pattern = 0;
                for (int i = 0; i < lists.size(); i++) {
                    if (cells[i].trim().equals("1")) {
                        pattern |= 1 << i;
                    }
                }
                counts.merge(pattern, Long.parseLong(cells[lists.size()].trim()), Long::sum);
            }
            return CaptureHistory.of(lists, counts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
