package io.coachmatch.training.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.training.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The evaluation report opened in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver};
 * {@code CHROME_BIN} and {@code CHROMEDRIVER} override their paths): every chart is drawn, with ink on its canvas, and
 * the page logs no error. Runs with {@code -Pbrowser}; {@code .ci/run} installs the browser and runs it.
 */
class ReportBrowserTests {

    @TempDir
    static Path dir;

    static ChromeDriver browser;

    static Path report;

    @BeforeAll
    static void trainAndOpenBrowser() {
        Path data = dir.resolve("data");
        Path registry = dir.resolve("models");
        Cli.Run g =
                Cli.run("generate", "--seed", "11", "--coaches", "300", "--requests", "1200", "--out", data.toString());
        assertThat(g.exitCode()).as(g.err()).isZero();
        Cli.Run t = Cli.run("train", "--data", data.toString(), "--registry", registry.toString(), "--rounds", "20");
        assertThat(t.exitCode()).as(t.err()).isZero();
        report = registry.resolve("v0001/report.html");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(env("CHROME_BIN", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,2400",
                "--user-data-dir=" + dir.resolve("chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(
                        Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        String path = v == null || v.isBlank() ? fallback : v;
        assertThat(Path.of(path))
                .as(name + ": install Debian's chromium and chromium-driver")
                .exists();
        return path;
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyChartOfTheReportIsDrawn() throws Exception {
        assertThat(Files.size(report)).isPositive();
        browser.get(report.toUri().toString());
        // waits (in the page) until every chart says it has finished, then reads each canvas' pixels
        List<Map<String, Object>> charts = (List<Map<String, Object>>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const deadline = Date.now() + 20000;
                (function poll() {
                  const els = Array.from(document.querySelectorAll('[data-chart]'));
                  const ready = els.length > 0 && els.every(e => e.getAttribute('data-rendered') === 'true');
                  if (!ready && Date.now() < deadline) { setTimeout(poll, 50); return; }
                  done(els.map(e => {
                    const canvas = e.querySelector('canvas');
                    const chart = window.echarts && echarts.getInstanceByDom(e);
                    let inked = 0;
                    if (canvas && canvas.width > 0 && canvas.height > 0) {
                      const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                      for (let i = 3; i < px.length; i += 4) { if (px[i] > 0) inked++; }
                    }
                    const series = chart ? chart.getOption().series : [];
                    return {
                      name: e.getAttribute('data-chart'),
                      rendered: e.getAttribute('data-rendered') === 'true',
                      width: canvas ? canvas.width : 0,
                      height: canvas ? canvas.height : 0,
                      inked: inked,
                      points: series.reduce((n, s) => n + (s.data ? s.data.filter(v => v !== null).length : 0), 0)
                    };
                  }));
                })();
                """);
        assertThat(charts)
                .extracting(c -> c.get("name"))
                .containsExactlyInAnyOrder(
                        "ndcg",
                        "mrr",
                        "booked",
                        "segment: session type",
                        "segment: priority",
                        "segment: skills requested",
                        "segment: best outcome went to",
                        "importances",
                        "positions",
                        "calibration");
        for (Map<String, Object> c : charts) {
            assertThat(c.get("rendered"))
                    .as(c.get("name") + " finished rendering")
                    .isEqualTo(true);
            assertThat(((Number) c.get("width")).longValue())
                    .as(c.get("name") + " width")
                    .isGreaterThan(200);
            assertThat(((Number) c.get("height")).longValue())
                    .as(c.get("name") + " height")
                    .isGreaterThan(200);
            assertThat(((Number) c.get("points")).longValue())
                    .as(c.get("name") + " data points")
                    .isGreaterThan(2);
            long pixels = ((Number) c.get("width")).longValue() * ((Number) c.get("height")).longValue();
            assertThat(((Number) c.get("inked")).longValue())
                    .as(c.get("name") + " has axes, bars or lines drawn on its canvas")
                    .isGreaterThan(pixels / 100);
        }
        String table =
                browser.findElement(org.openqa.selenium.By.id("ranker-table")).getText();
        assertThat(table).contains("rules").contains("model").contains("served");
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(severe).as("errors the page logged").isEmpty();
    }
}
