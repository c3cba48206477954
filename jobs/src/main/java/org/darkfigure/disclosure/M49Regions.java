package org.darkfigure.disclosure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * UN M49 sub-region and region of each ISO 3166-1 alpha-3 code (the file and its licence are in
 * {@code m49_regions_by_iso3.SOURCE.md} beside it): the steps by which a country is generalised.
 */
public final class M49Regions {

    private static final M49Regions BUILT_IN = load();

    private final Map<String, String> subRegion;
    private final Map<String, String> region;

    private M49Regions(Map<String, String> subRegion, Map<String, String> region) {
        this.subRegion = Map.copyOf(subRegion);
        this.region = Map.copyOf(region);
    }

    public static M49Regions builtIn() {
        return BUILT_IN;
    }

    public Optional<String> subRegion(String iso3) {
        return Optional.ofNullable(subRegion.get(iso3));
    }

    public Optional<String> region(String iso3) {
        return Optional.ofNullable(region.get(iso3));
    }

    private static M49Regions load() {
        Map<String, String> sub = new HashMap<>();
        Map<String, String> reg = new HashMap<>();
        try (InputStream in = M49Regions.class.getResourceAsStream("m49_regions_by_iso3.csv");
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            lines.readLine(); // header
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] f = line.split(",", -1);
                // iso3, region code, region, sub-region code, sub-region, ... (no quoted commas in the file)
                if (!f[2].isEmpty()) {
                    reg.put(f[0], f[2]);
                }
                if (!f[4].isEmpty()) {
                    sub.put(f[0], f[4]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the built-in M49 table is unreadable", e);
        }
        return new M49Regions(sub, reg);
    }
}
