package org.darkfigure.charts;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Chart.js WebJar version, filtered into a resource from pom.xml so it is stated once. */
final class ChartJsVersion {

    static final String VALUE = load();

    private ChartJsVersion() {
    }

    private static String load() {
        try (InputStream in = ChartJsVersion.class.getResourceAsStream("/org/darkfigure/charts/versions.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("chartjs.version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("versions.properties is missing from the api jar", e);
        }
    }
}
