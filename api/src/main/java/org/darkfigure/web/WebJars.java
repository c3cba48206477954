package org.darkfigure.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The WebJar versions (Chart.js, Swagger UI), filtered into a resource from pom.xml so they are stated once. */
public final class WebJars {

    private static final Properties VERSIONS = load();

    public static final String CHART_JS = "/webjars/chart.js/" + VERSIONS.getProperty("chartjs.version") + "/dist/chart.umd.js";
    public static final String SWAGGER_UI = "/webjars/swagger-ui/" + VERSIONS.getProperty("swaggerui.version");

    private WebJars() {
    }

    private static Properties load() {
        try (InputStream in = WebJars.class.getResourceAsStream("/org/darkfigure/charts/versions.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("versions.properties is missing from the api jar", e);
        }
    }
}
