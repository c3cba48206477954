package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.darkfigure.access.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 18, "done when": the headline and the quality flags, read by a viewer on a release whose strata include
 * each kind of estimate a reader must be warned about. Five member states send one capture-history table each
 * for 2024 (the tables are written here; how each behaves was found with {@code ./darkfigure estimate --json}):
 * <ul>
 *   <li>GRC: three independent lists, 1,356 people seen of 2,000: reliable (with four lists the study's caveat
 *       for four or more lists would make it "use with caution");</li>
 *   <li>ITA: four lists with strong three-way dependence: the all-two-way model fits poorly (deviance 173 on 4 df);</li>
 *   <li>ESP: three lists of heterogeneous people where the all-two-way model cannot be estimated, so the estimate
 *       averages simpler models: model-dependent;</li>
 *   <li>MLT: four lists that share nobody: not estimable, only the observed count;</li>
 *   <li>CYP (three people) and LUX (two): below the publication threshold, suppressed; two such cells, so that
 *       the yearly total across countries reveals neither and no other country needs secondary suppression.</li>
 * </ul>
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualityFlagsBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Map<String, String> TABLES = new TreeMap<>(Map.of( // country -> "pattern:count,..."
            "GRC", "100:321,010:245,001:363,110:114,101:132,011:111,111:70",
            "ITA", "1000:60,0100:60,0010:60,0001:60,1100:5,1010:5,1001:5,0110:5,0101:5,0011:5,1110:40,1101:40,1011:40,"
                    + "0111:40,1111:30",
            "ESP", "100:33,010:41,001:34,110:13,101:12,011:20,111:14",
            "MLT", "1000:30,0100:20,0010:25,0001:10",
            "CYP", "100:2,110:1",
            "LUX", "100:1,011:1"));

    @TempDir
    static Path tmp;
    private TestServer server;
    private ChromeDriver browser;

    /**
     * The capture-history file of one country from "pattern:count,..." (a pattern is one 0/1 digit per list); its
     * lists are named after it (L_GRC-1, L_GRC-2, ...).
     */
    private static byte[] csv(String country, String patterns) {
        int lists = patterns.split(":")[0].length();
        StringBuilder out = new StringBuilder("reporting_country,year");
        for (int i = 1; i <= lists; i++) {
            out.append(",L_").append(country).append("-").append(i);
        }
        out.append(",count\n");
        for (String cell : patterns.split(",")) {
            String[] pc = cell.split(":");
            out.append(country).append(",2024");
            pc[0].chars().forEach(c -> out.append(',').append((char) c));
            out.append(',').append(pc[1]).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @BeforeAll
    void aReleaseOfEveryKindOfStratum() throws Exception {
        Browsers.requireOrAbort();
        server = new TestServer(tmp.resolve("data"));
        for (Map.Entry<String, String> t : TABLES.entrySet()) {
            var response = server.upload(t.getKey(), t.getKey() + "-TABLES", "capture_history", "2024",
                    csv(t.getKey(), t.getValue()));
            assertEquals(201, response.statusCode(), response.body());
        }
        server.runToRelease();
        browser = Browsers.start(tmp.resolve("profile"));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private Map<String, List<String>> rowOf(String country) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#country-" + country + " tr"));
        List<String> header = rows.get(0).findElements(By.tagName("th")).stream().map(WebElement::getText).toList();
        List<String> cells = rows.get(1).findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        Map<String, List<String>> row = new TreeMap<>();
        for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i), List.of(cells.get(i)));
        }
        return row;
    }

    private String cell(String country, String column) {
        return rowOf(country).get(column).get(0);
    }

    /** Opens the quality cell's reasons (one click) and returns them. */
    private String reasons(String country) {
        WebElement summary = browser.findElement(By.cssSelector("#country-" + country + " td.quality summary"));
        summary.click();
        return browser.findElement(By.cssSelector("#country-" + country + " td.quality ul")).getText();
    }

    @Test
    void a_viewer_reads_the_headline_and_every_quality_flag() throws Exception {
        Browsers.signIn(browser, server.url("/signin?next=/"), server.token(Role.VIEWER, null));
        Browsers.waitFor("the country tables", () -> browser.findElements(By.cssSelector("section.country")).size() >= 5);

        String headline = browser.findElement(By.id("headline")).getText();
        assertTrue(headline.matches("(?s)An estimated [\\d,]+ smuggled migrants \\(95% interval [\\d,]+ to [\\d,]+\\) in all "
                + "countries together in 2024, of whom about [\\d,]+ \\([\\d,]+ to [\\d,]+\\) were recorded by no agency\\. "
                + "Use with caution: .+"), headline);

        assertEquals("Reliable", cell("GRC", "Quality"), () -> reasons("GRC"));
        assertTrue(cell("GRC", "Lower").matches("[\\d,]+") && !cell("GRC", "Lower").equals(cell("GRC", "Upper")));

        assertEquals("Use with caution", cell("ITA", "Quality"));
        assertTrue(reasons("ITA").contains("fits the table poorly"), "the reason one click away");

        assertEquals("Use with caution", cell("ESP", "Quality"));
        assertTrue(reasons("ESP").contains("averages the simpler models"), "model-dependent");

        assertEquals("Not estimable", cell("MLT", "Quality"));
        assertEquals("85", cell("MLT", "Observed"), "the observed count is shown");
        assertEquals("—", cell("MLT", "Lower"), "never a zero-width interval");
        assertEquals("—", cell("MLT", "Upper"));
        assertTrue(reasons("MLT").contains("the lists share nobody"), "and why");

        assertTrue(cell("CYP", "Quality").startsWith("Suppressed"), cell("CYP", "Quality"));
        assertEquals("suppressed", cell("CYP", "Observed"), "suppressed is not zero");
        assertEquals("suppressed", cell("CYP", "Estimate"));
        shot("quality-flags");

        // each country's own headline says what its flag means
        browser.get(server.url("/?country=MLT"));
        Browsers.waitFor("Malta's headline", () -> browser.findElement(By.id("headline")).getText().contains("Malta"));
        assertEquals("85 smuggled migrants were recorded in Malta in 2024; how many no agency recorded cannot be estimated: "
                + "No one was recorded by more than one list: the lists share nobody, so how many nobody recorded cannot be "
                + "estimated.", browser.findElement(By.id("headline")).getText());
        browser.get(server.url("/?country=ITA"));
        Browsers.waitFor("Italy's headline", () -> browser.findElement(By.id("headline")).getText().contains("Italy"));
        assertTrue(browser.findElement(By.id("headline")).getText().contains(" Use with caution: "),
                browser.findElement(By.id("headline")).getText());
        shot("quality-flags-italy");
    }

    private void shot(String name) throws Exception {
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
