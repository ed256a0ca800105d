package io.fairtune.service.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairtune.service.FairtuneTrainingTest;
import io.fairtune.service.SharedExamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in Debian's headless Chromium against the real service (embedded PostgreSQL, Quartz and one
 * in-process training slot): sign in, catch a broken spec, create the smoke study from its template, watch it
 * finish and check that every chart holds data. Screenshots land in {@code target/screenshots}.
 */
@FairtuneTrainingTest
class DashboardBrowserTest {

    private static final Path DATA_DIR = Path.of(FairtuneTrainingTest.DATA_DIR);
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Path DOWNLOADS =
            Path.of("target/it-dashboard-downloads").toAbsolutePath();
    private static final String CHROMIUM = System.getProperty("fairtune.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("fairtune.chromedriver", "/usr/bin/chromedriver");

    /** Every chart as "name:series:points", read from ECharts itself rather than from pixels. */
    private static final String CHARTS_SCRIPT = """
            return Array.from(document.querySelectorAll('[data-chart]'))
                .filter(function (el) { return !el.closest('[hidden]'); }).map(function (el) {
              var chart = window.echarts && echarts.getInstanceByDom(el);
              var series = chart ? chart.getOption().series : [];
              var points = series.reduce(function (n, s) { return n + (s.data ? s.data.length : 0); }, 0);
              return el.getAttribute('data-chart') + ':' + series.length + ':' + points;
            });""";

    static {
        deleteTree(DOWNLOADS);
    }

    private static ChromeDriver driver;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        assertThat(Path.of(CHROMIUM))
                .as(
                        "browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")
                .isExecutable();
        assertThat(Path.of(CHROMEDRIVER)).isExecutable();
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(DOWNLOADS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // The machine has no internet: without the background-networking flags Chromium keeps calling home.
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
                "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory("fairtune-chromium"));
        options.setExperimentalOption(
                "prefs",
                Map.of("download.default_directory", DOWNLOADS.toString(), "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void freshTab() {
        driver.get(base());
        // Each test starts signed out and without an editor draft from an earlier test.
        js("sessionStorage.clear();");
    }

    @AfterEach
    void screenshotAndConsole(TestInfo info) {
        screenshot("after-" + info.getTestMethod().orElseThrow().getName());
        List<String> uncaught = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .peek(e -> System.out.println("[browser] " + e.getLevel() + " " + e.getMessage()))
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Uncaught")
                        || m.contains("TypeError")
                        || m.contains("SyntaxError")
                        || m.contains("Content Security Policy"))
                .toList();
        assertThat(uncaught)
                .as("JavaScript errors or Content-Security-Policy violations in the page")
                .isEmpty();
    }

    @Test
    void signInWithTheTokenOrTheLinkTheServicePrints() {
        driver.get(base());
        WebElement input = waitFor(By.id("token"));
        input.sendKeys("ft_not-a-token\n");
        waitUntil(Duration.ofSeconds(10), () -> !text(By.id("token-error")).isEmpty());
        assertThat(text(By.id("token-error"))).contains("did not accept");
        screenshot("01-sign-in-rejected");

        driver.findElement(By.id("token")).clear();
        driver.findElement(By.id("token")).sendKeys(adminToken() + "\n");
        waitFor(By.cssSelector("[data-testid=studies-table], .empty"));
        assertThat(driver.findElement(By.id("nav")).isDisplayed()).isTrue();

        // The printed link carries the token once; the dashboard keeps it and clears it from the address bar.
        js("sessionStorage.clear();");
        driver.get(base() + "#token=" + adminToken());
        waitFor(By.cssSelector("[data-testid=studies-table], .empty"));
        assertThat(driver.getCurrentUrl()).endsWith("#/studies").doesNotContain(adminToken());
        assertThat(js("return sessionStorage.getItem('fairtune.token');")).isEqualTo(adminToken());
        assertThat(driver.manage().getCookies()).isEmpty();
    }

    @Test
    void brokenSpecShowsTheFieldErrorNextToTheEditor() {
        signIn();
        openTemplate("synthetic-smoke");
        WebElement editor = driver.findElement(By.id("spec"));
        String spec = editor.getAttribute("value");
        assertThat(spec).contains("\"batchSize\": 256");
        setEditor(spec.replace("\"batchSize\": 256", "\"batchSize\": -256"));
        driver.findElement(By.id("dry-run")).click();

        WebElement error = waitFor(By.cssSelector("#spec-errors li[data-field='workload.batchSize']"));
        int line = lineOf(spec, "\"batchSize\"");
        assertThat(error.getText()).contains("workload.batchSize", "line " + line);
        assertThat(driver.findElements(By.cssSelector(".gutter .err")))
                .extracting(WebElement::getText)
                .contains(String.valueOf(line));
        assertThat(editor.getAttribute("aria-invalid")).isEqualTo("true");
        screenshot("02-field-error");

        // Fixed again, the dry run previews the plan: 4 points for each of the 2 arms.
        setEditor(spec);
        driver.findElement(By.id("dry-run")).click();
        waitFor(By.cssSelector("[data-testid=plan-table]"));
        assertThat(driver.findElements(By.cssSelector("[data-testid=plan-table] tbody tr")))
                .hasSize(8);
        assertThat(driver.findElements(By.cssSelector("#spec-errors li"))).isEmpty();
        fullPageScreenshot("03-dry-run-preview");
    }

    @Test
    void smokeStudyFromItsTemplateRunsToCompletionWithEveryChartDrawn() throws IOException {
        signIn();
        openTemplate("synthetic-smoke");
        // A claim from the form: on the final phase it needs more seeds than the smoke study's two, and the
        // server's field error lands on the claim's row; on best of one trial it is valid.
        driver.findElement(By.id("add-claim")).click();
        waitUntil(
                Duration.ofSeconds(5),
                () -> driver.findElement(By.id("spec")).getAttribute("value").contains("\"claims\""));
        driver.findElement(By.id("dry-run")).click();
        waitFor(By.cssSelector("[data-claim='0'] .field-errors li[data-field^=claims]"));
        // The claim rows are drawn again when the errors arrive: find the select afresh until it takes the value.
        waitUntil(Duration.ofSeconds(5), () -> {
            try {
                new Select(driver.findElement(By.cssSelector("[data-claim='0'] select[name=basis]")))
                        .selectByValue("best_of_k");
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
        waitUntil(
                Duration.ofSeconds(5),
                () -> driver.findElement(By.id("spec")).getAttribute("value").contains("\"best_of_k\""));
        driver.findElement(By.id("create")).click();
        waitUntil(Duration.ofSeconds(30), () -> driver.getCurrentUrl().matches(".*#/studies/\\d+$"));
        String studyUrl = driver.getCurrentUrl();
        waitFor(By.cssSelector("[data-testid=progress-table]"));
        waitUntil(
                Duration.ofMinutes(3),
                () -> !driver.findElements(By.cssSelector("[data-testid=trials-table] tr[data-status=SUCCEEDED]"))
                        .isEmpty());
        fullPageScreenshot("04-study-running");

        // No reload from here on: the page has to notice the end by itself.
        waitUntil(Duration.ofMinutes(6), () -> text(By.cssSelector("h1 .badge")).equalsIgnoreCase("completed"));
        waitUntil(Duration.ofSeconds(30), () -> charts().stream().allMatch(DashboardBrowserTest::hasData));
        assertThat(charts())
                .extracting(c -> c.split(":")[0])
                .containsExactlyInAnyOrder("claims-forest", "best-curves", "lr-scatter", "best-of-k", "final-box");
        assertThat(text(By.cssSelector("[data-testid=claims-family]"))).contains("1 claim");
        assertThat(text(By.cssSelector("[data-testid=claims]")))
                .contains("adam", "nesterov")
                .containsPattern("PASS|FAIL|INCONCLUSIVE|INSUFFICIENT_DATA");
        assertThat(driver.getCurrentUrl()).isEqualTo(studyUrl);
        assertThat(driver.findElements(By.cssSelector("[data-testid=trials-table] tbody tr")))
                .hasSize(12);
        assertThat(driver.findElements(By.cssSelector("[data-testid=fairness-checks] li")))
                .isNotEmpty();
        assertThat(text(By.cssSelector("[data-testid=effort-table]"))).contains("nesterov", "adam");
        // A study that states claims gets no exploratory comparisons unless it asks for them.
        assertThat(driver.findElements(By.cssSelector("[data-testid=comparisons]")))
                .isEmpty();
        assertThat(driver.findElements(By.id("cancel-study"))).isEmpty();
        fullPageScreenshot("05-study-completed");

        // The trial table filters by arm and status on the server.
        new Select(driver.findElement(By.id("filter-arm"))).selectByValue("adam");
        waitUntil(
                Duration.ofSeconds(10),
                () -> driver.findElements(By.cssSelector("[data-testid=trials-table] tbody tr"))
                                .size()
                        == 6);
        new Select(driver.findElement(By.id("filter-status"))).selectByValue("SUCCEEDED");
        waitUntil(Duration.ofSeconds(10), () -> driver.getCurrentUrl().contains("status=SUCCEEDED"));
        waitUntil(
                Duration.ofSeconds(10),
                () -> driver.findElements(By.cssSelector("[data-testid=trials-table] tbody tr")).stream()
                        .allMatch(row -> "SUCCEEDED".equals(row.getAttribute("data-status"))
                                && row.getText().contains("adam")));
        new Select(driver.findElement(By.id("filter-arm"))).selectByValue("");
        new Select(driver.findElement(By.id("filter-status"))).selectByValue("");
        waitUntil(
                Duration.ofSeconds(10),
                () -> driver.findElements(By.cssSelector("[data-testid=trials-table] tbody tr"))
                                .size()
                        == 12);

        // Sorting by best validation accuracy, highest first (missing values last).
        driver.findElement(By.cssSelector("button.sort[data-key=bestValAccuracy]"))
                .click();
        waitFor(By.cssSelector("th[aria-sort=descending] button[data-key=bestValAccuracy]"));
        List<Double> accuracies = sortedColumn().stream()
                .filter(v -> v.endsWith("%"))
                .map(v -> Double.parseDouble(v.replace("%", "").trim()))
                .toList();
        assertThat(accuracies).hasSize(12).isSortedAccordingTo(Comparator.reverseOrder());

        // Downloads go through fetch with the token header, then a blob.
        driver.findElement(By.xpath("//button[text()='trials.csv']")).click();
        waitUntil(Duration.ofSeconds(20), () -> downloaded(".csv"));
        driver.findElement(By.xpath("//button[text()='report.md']")).click();
        waitUntil(Duration.ofSeconds(20), () -> downloaded(".md"));

        driver.findElement(By.cssSelector("[data-testid=trials-table] tbody tr a"))
                .click();
        waitFor(By.cssSelector("[data-testid=hyperparameters]"));
        waitUntil(Duration.ofSeconds(20), () -> charts().stream().allMatch(DashboardBrowserTest::hasData));
        assertThat(charts()).extracting(c -> c.split(":")[0]).containsExactly("trial-curve");
        assertThat(text(By.cssSelector("[data-testid=hyperparameters]"))).contains("learning_rate");
        fullPageScreenshot("06-trial-detail");

        driver.findElement(By.cssSelector("nav a[data-nav=workers]")).click();
        waitFor(By.cssSelector("[data-testid=workers-table], [data-testid=nodes-table], .card .empty"));
        screenshot("07-workers");

        driver.findElement(By.cssSelector("nav a[data-nav=studies]")).click();
        waitFor(By.cssSelector("[data-testid=studies-table]"));
        assertThat(text(By.cssSelector("[data-testid=studies-table]")).toLowerCase(java.util.Locale.ROOT))
                .contains("synthetic-smoke", "completed");
        screenshot("08-studies");
    }

    @Test
    void aStudyWhoseTrainerNoWorkerHasSaysWhyOnItsPageAndTheWorkersPageShowsEachNodesTrainers() throws Exception {
        signIn();
        String spec = Files.readString(SharedExamples.studies().resolve("synthetic-smoke.json"))
                .replace("\"name\": \"synthetic-smoke\"", "\"name\": \"smoke-without-its-trainer\"")
                .replace("\"dataset\": \"synthetic\"", "\"trainer\": \"nosuch\", \"dataset\": \"synthetic\"");
        HttpResponse<String> created = api("POST", "/api/v1/studies", spec);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");

        driver.get("http://127.0.0.1:" + port + "/#/studies/" + id);
        assertThat(waitFor(By.cssSelector("[data-testid=study-waiting]")).getText())
                .isEqualTo("waiting: no live worker has trainer 'nosuch'");
        assertThat(text(By.cssSelector(".facts"))).contains("Trainer", "nosuch");
        screenshot("10-study-waiting-for-its-trainer");
        api("POST", "/api/v1/studies/" + id + "/cancel", "");

        driver.findElement(By.cssSelector("nav a[data-nav=workers]")).click();
        assertThat(waitFor(By.cssSelector("[data-testid=node-trainers]")).getText())
                .isEqualTo("dl4j (built-in)");
    }

    @Test
    void cancelStopsAStudyFromItsPage() {
        signIn();
        openTemplate("synthetic-smoke");
        String spec = driver.findElement(By.id("spec")).getAttribute("value");
        setEditor(spec.replace("\"name\": \"synthetic-smoke\"", "\"name\": \"smoke-to-cancel\""));
        driver.findElement(By.id("create")).click();
        waitUntil(Duration.ofSeconds(30), () -> driver.getCurrentUrl().matches(".*#/studies/\\d+$"));
        waitFor(By.id("cancel-study")).click();
        driver.switchTo().alert().accept();
        waitUntil(Duration.ofMinutes(1), () -> text(By.cssSelector("h1 .badge")).equalsIgnoreCase("cancelled"));
        assertThat(text(By.cssSelector("h1"))).contains("smoke-to-cancel");
        assertThat(driver.findElements(By.id("cancel-study"))).isEmpty();
        screenshot("09-study-cancelled");
    }

    @Test
    void aScheduleShowsItsFiringsAsATrendAndIsDeletedFromItsPage() throws Exception {
        signIn();
        String spec = new String(
                        DashboardBrowserTest.class
                                .getResourceAsStream("/specs/synthetic-smoke.json")
                                .readAllBytes(),
                        StandardCharsets.UTF_8)
                .replace("\"name\": \"synthetic-smoke\"", "\"name\": \"smoke-nightly\"")
                // Long enough to outlast the 3 s cron whatever the training speed (the lean mlp path finishes the
                // 40-step smoke study in about 2 s), so a firing is skipped while a study runs.
                .replace("\"trainingSteps\": 40,", "\"trainingSteps\": 400,")
                .replace(
                        "\"finalEvaluation\": { \"seeds\": 2 },",
                        "\"finalEvaluation\": { \"seeds\": 2 }, \"claims\": [{\"candidate\": \"adam\", \"baseline\":"
                                + " \"nesterov\", \"kind\": \"non_inferior\", \"margin\": 0.05, \"basis\":"
                                + " \"best_of_k\", \"k\": 1}],");
        HttpResponse<String> created = api(
                "POST",
                "/api/v1/schedules",
                "{\"name\": \"smoke every 3 s\", \"cron\": \"*/3 * * * * ?\", \"spec\": " + spec + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        try {
            driver.get(base() + "#/schedules");
            waitFor(By.cssSelector("[data-testid=schedules-table]"));
            driver.findElement(By.linkText("smoke every 3 s")).click();
            waitUntil(Duration.ofSeconds(30), () -> driver.getCurrentUrl().endsWith("#/schedules/" + id));
            // A started study with its claim, and at least one firing skipped while it runs.
            waitUntil(
                    Duration.ofSeconds(60),
                    () -> charts().stream()
                            .anyMatch(c -> c.startsWith("schedule-trend:") && Integer.parseInt(c.split(":")[2]) >= 3));
            waitUntil(
                    Duration.ofSeconds(30),
                    () -> text(By.cssSelector("[data-testid=schedule-runs]"))
                            .toLowerCase(java.util.Locale.ROOT)
                            .contains("skipped running"));
            assertThat(text(By.cssSelector("[data-testid=schedule-runs]"))).contains("study ");
            screenshot("10-schedule-trend");
            driver.findElement(By.xpath("//button[text()='Pause']")).click();
            waitUntil(
                    Duration.ofSeconds(10),
                    () -> text(By.cssSelector("[data-testid=next-firing]"))
                            .toLowerCase(java.util.Locale.ROOT)
                            .contains("paused"));
            driver.findElement(By.xpath("//button[text()='Delete']")).click();
            driver.switchTo().alert().accept();
            waitUntil(Duration.ofSeconds(10), () -> driver.getCurrentUrl().endsWith("#/schedules"));
            waitUntil(Duration.ofSeconds(10), () -> !text(By.id("view")).contains("smoke every 3 s"));
            assertThat(api("GET", "/api/v1/schedules/" + id, null).statusCode()).isEqualTo(404);
        } finally {
            api("DELETE", "/api/v1/schedules/" + id, null);
            // Its studies would keep the training slot busy for the tests after this one.
            JsonNode studies = JsonMapper.shared()
                    .readTree(api("GET", "/api/v1/studies?label=schedule:" + id, null)
                            .body());
            for (JsonNode study : studies.path("items")) {
                api("POST", "/api/v1/studies/" + study.path("id").asLong() + "/cancel", "");
            }
        }
    }

    /** A call of the service's API with the admin token, for what the page under test does not do itself. */
    private HttpResponse<String> api(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Cell texts of the trial table's sorted column, top to bottom. */
    private static List<String> sortedColumn() {
        Object cells = js("""
                const heads = Array.from(document.querySelectorAll('[data-testid=trials-table] thead th'));
                const index = heads.findIndex(th => th.hasAttribute('aria-sort'));
                return Array.from(document.querySelectorAll('[data-testid=trials-table] tbody tr'))
                    .map(tr => tr.children[index].textContent.trim());""");
        return ((List<?>) cells).stream().map(String::valueOf).toList();
    }

    private static boolean hasData(String chart) {
        String[] parts = chart.split(":");
        return Integer.parseInt(parts[1]) > 0 && Integer.parseInt(parts[2]) > 0;
    }

    private List<String> charts() {
        Object result = js(CHARTS_SCRIPT);
        return ((List<?>) result).stream().map(String::valueOf).toList();
    }

    private void signIn() {
        driver.get(base() + "#token=" + adminToken());
        waitFor(By.cssSelector("[data-testid=studies-table], .empty"));
    }

    private void openTemplate(String name) {
        driver.get(base() + "#/new");
        waitUntil(
                Duration.ofSeconds(20),
                () -> driver.findElements(By.cssSelector("#template option")).size() > 1);
        Select templates = new Select(driver.findElement(By.id("template")));
        WebElement option = templates.getOptions().stream()
                .filter(o -> o.getText().startsWith(name + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no template " + name));
        templates.selectByValue(option.getAttribute("value"));
        waitUntil(
                Duration.ofSeconds(5),
                () -> driver.findElement(By.id("spec")).getAttribute("value").contains("\"name\": \"" + name + "\""));
    }

    private void setEditor(String text) {
        js(
                "const e = document.getElementById('spec'); e.value = arguments[0];"
                        + " e.dispatchEvent(new Event('input'));",
                text);
    }

    private static int lineOf(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle))
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
    }

    private static boolean downloaded(String suffix) {
        try (Stream<Path> files = Files.list(DOWNLOADS)) {
            return files.anyMatch(
                    f -> f.toString().endsWith(suffix) && f.toFile().length() > 0);
        } catch (IOException e) {
            return false;
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port + "/";
    }

    private static String adminToken() {
        try {
            return Files.readString(DATA_DIR.resolve("admin-token")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Text of the first match; the page re-renders while polling, so a stale element is looked up again. */
    private static String text(By by) {
        for (int attempt = 0; ; attempt++) {
            try {
                List<WebElement> found = driver.findElements(by);
                return found.isEmpty() ? "" : found.get(0).getText().trim();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(by).stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .orElse(null));
    }

    private static void waitUntil(Duration timeout, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, timeout)
                .pollingEvery(Duration.ofMillis(250))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    private static void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole page: the window grows to the document's height for the shot. */
    private static void fullPageScreenshot(String name) {
        Dimension original = driver.manage().window().getSize();
        long height = ((Number) js("return document.documentElement.scrollHeight;")).longValue();
        driver.manage().window().setSize(new Dimension(original.getWidth(), (int) Math.min(height + 120, 6000)));
        try {
            js("window.dispatchEvent(new Event('resize'));");
            Thread.sleep(500); // charts resize on the next frame
            screenshot(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            driver.manage().window().setSize(original);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
