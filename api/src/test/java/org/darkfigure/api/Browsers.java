package org.darkfigure.api;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The headless Chromium the browser stories drive (installed by .ci/prepare, found through
 * DARKFIGURE_TEST_CHROMIUM and DARKFIGURE_TEST_CHROMEDRIVER), and the waits they share.
 */
final class Browsers {

    private Browsers() {
    }

    /** Skips the stories where there is no Chromium, unless CI requires it (then it is a failure). */
    static void requireOrAbort() {
        if (System.getenv("DARKFIGURE_TEST_CHROMIUM") == null || System.getenv("DARKFIGURE_TEST_CHROMEDRIVER") == null) {
            if (System.getenv().getOrDefault("DARKFIGURE_TEST_REQUIRE", "").contains("chromium")) {
                Assertions.fail("Chromium is required here but .ci/prepare could not install it");
            }
            Assumptions.abort("no Chromium (run the tests through ./darkfigure test to install it)");
        }
    }

    /** A desktop-sized headless browser with its console log kept; {@code profile}: its own user data folder. */
    static ChromeDriver start(Path profile) throws java.io.IOException {
        requireOrAbort();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv("DARKFIGURE_TEST_CHROMIUM"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--user-data-dir=" + Files.createDirectories(profile));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getenv("DARKFIGURE_TEST_CHROMEDRIVER"))).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Signs in with {@code token} and lands on {@code page}. */
    static void signIn(ChromeDriver browser, String signInUrl, String token) throws InterruptedException {
        browser.manage().deleteAllCookies();
        browser.get(signInUrl);
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor("the page after signing in", () -> !browser.getCurrentUrl().contains("/signin"));
    }
}
