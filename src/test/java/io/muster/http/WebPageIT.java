package io.muster.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.JobState;
import io.muster.client.JobHandle;
import io.muster.client.Muster;
import io.muster.testing.RealService;
import io.muster.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser: Debian's chromium, headless, driven by Selenium through Debian's
 * chromedriver ({@code server-config/browser/install.sh} installs both; CI runs it). The server has
 * users: alice submits, olga observes; the browser logs in with HTTP Basic as each of them.
 * Screenshots of the queue and of a job page go to {@code target/screenshots/}.
 */
class WebPageIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path data;

    private static TestServer server;
    private static int http;

    @BeforeAll
    static void startServer() throws Exception {
        RealService.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER) ? null
                : "chromium and chromedriver are not installed (bash server-config/browser/install.sh)");
        Path users = data.resolve("broker-users");
        Files.writeString(users, "alice = alice-pw\nolga:observe = olga-pw\nroot:admin = root-pw\n");
        Files.setPosixFilePermissions(users, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        http = TestServer.freePort();
        server = TestServer.start(data.resolve("server"), 2, c -> c.withBrokerUsers(users).withHttpPort(http));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void givenAliceWatchesTheQueueHerJobAppearsAndTurnsCompletedWithoutAReloadAndItsPageShowsItsStdout()
            throws Exception {
        WebDriver browser = browser("alice");
        try (Muster alice = Muster.connect(server.url(), "alice", "alice-pw")) {
            browser.get(page("alice", "alice-pw", "/"));
            awaitLive(browser);
            ((JavascriptExecutor) browser).executeScript("window.sameDocument = 'yes';");

            JobHandle job = alice.command("echo hello from the browser test; sleep 2").name("greeting").backend("local")
                    .mem("10MB").submit();

            // The page re-renders a row on every event, so each check locates it afresh (a held element goes stale).
            By row = By.cssSelector("tr[data-job='" + job.id() + "']");
            fresh(browser).until(ExpectedConditions.and(
                    ExpectedConditions.textToBePresentInElementLocated(row, "greeting"),
                    ExpectedConditions.textToBePresentInElementLocated(row, "alice")));
            fresh(browser).until(ExpectedConditions.attributeToBe(row, "data-state", "COMPLETED"));
            assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument;")).isEqualTo("yes");
            assertThat(job.await(WAIT)).isEqualTo(JobState.COMPLETED);
            screenshot(browser, "queue.png");

            clickAfresh(browser, By.cssSelector("tr[data-job='" + job.id() + "'] a"));

            fresh(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("stdout"),
                    "hello from the browser test"));
            assertThat(browser.getCurrentUrl()).endsWith("/job/" + job.id());
            assertThat(browser.findElement(By.id("job-state")).getText()).isEqualTo("COMPLETED");
            assertThat(browser.findElement(By.id("exit-code")).getText()).isEqualTo("0");
            assertThat(browser.findElement(By.id("history")).getText()).contains("ACCEPTED").contains("RUNNING")
                    .contains("COMPLETED");
            assertThat(browser.findElement(By.id("options")).getText()).contains("mem").contains("10");
            screenshot(browser, "job.png");
        } finally {
            browser.quit();
        }
    }

    /**
     * Regression (black-box probe): a page that found every live stream taken (503) said "reconnecting…"
     * for ever, as a browser's EventSource does not try again after an answer that is not 200.
     */
    @Test
    void givenEveryLiveStreamIsTakenThePageGoesLiveOnceOneIsFree() throws Exception {
        List<java.net.Socket> streams = new java.util.ArrayList<>();
        WebDriver browser = browser("alice-full");
        try {
            String login = java.util.Base64.getEncoder().encodeToString("alice:alice-pw".getBytes());
            while (true) {
                java.net.Socket s = new java.net.Socket("127.0.0.1", http);
                streams.add(s);
                s.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Basic " + login
                        + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                byte[] head = new byte[12];
                s.getInputStream().readNBytes(head, 0, head.length);
                if (new String(head, java.nio.charset.StandardCharsets.US_ASCII).endsWith("503")) {
                    break;
                }
            }
            browser.get(page("alice", "alice-pw", "/"));
            fresh(browser).until(ExpectedConditions.attributeContains(By.id("live"), "class", "off"));

            for (java.net.Socket s : streams) {
                s.close();
            }
            awaitLive(browser);
        } finally {
            browser.quit();
            for (java.net.Socket s : streams) {
                s.close();
            }
        }
    }

    @Test
    void givenAliceHasARunningJobTheCancelButtonCancelsIt() throws Exception {
        WebDriver browser = browser("alice-cancel");
        try (Muster alice = Muster.connect(server.url(), "alice", "alice-pw")) {
            browser.get(page("alice", "alice-pw", "/?state=active"));
            awaitLive(browser);
            JobHandle job = alice.command("sleep 120").name("long").backend("local").mem("10MB").submit();
            By cancel = By.cssSelector("tr[data-job='" + job.id() + "'] button.cancel");
            fresh(browser).until(ExpectedConditions.attributeToBe(
                    By.cssSelector("tr[data-job='" + job.id() + "']"), "data-state", "RUNNING"));

            clickAfresh(browser, cancel);

            assertThat(job.await(WAIT)).isEqualTo(JobState.CANCELLED);
            browser.get(page("alice", "alice-pw", "/?state=all"));
            fresh(browser).until(ExpectedConditions.attributeToBe(
                    By.cssSelector("tr[data-job='" + job.id() + "']"), "data-state", "CANCELLED"));
        } finally {
            browser.quit();
        }
    }

    @Test
    void givenOlgaObservesSheSeesTheRunningJobButNoCancelButtonAndTheServerRefusesHerCancel() throws Exception {
        WebDriver browser = browser("olga");
        try (Muster alice = Muster.connect(server.url(), "alice", "alice-pw")) {
            JobHandle job = alice.command("sleep 120").name("watched").backend("local").mem("10MB").submit();
            try {
                browser.get(page("olga", "olga-pw", "/"));
                awaitLive(browser);
                fresh(browser).until(ExpectedConditions.attributeToBe(
                        By.cssSelector("tr[data-job='" + job.id() + "']"), "data-state", "RUNNING"));

                assertThat(browser.findElement(By.id("login")).getText()).contains("olga").contains("observe");
                assertThat(browser.findElements(By.cssSelector("button.cancel"))).isEmpty();
                browser.get(page("olga", "olga-pw", "/job/" + job.id()));
                fresh(browser).until(ExpectedConditions.textToBe(By.id("job-state"), "RUNNING"));
                assertThat(browser.findElements(By.cssSelector("button.cancel"))).isEmpty();

                HttpResponse<String> refused = Http.post(http, "/api/cancel?id=" + job.id(), "olga", "olga-pw", true);
                assertThat(refused.body()).contains("FAILED").contains("olga may not cancel job " + job.id());
                assertThat(job.state()).isEqualTo(JobState.RUNNING);
            } finally {
                alice.cancel(job.id());
            }
        } finally {
            browser.quit();
        }
    }

    @Test
    void givenAFlowRanTheFlowsPageShowsItsStepsAndTheJobsTheyRan() throws Exception {
        Path flow = io.muster.testing.FlowXml.flow("web-chain").step("first", "echo one").step("second", "echo two")
                .everyStep("backend", "local").everyStep("mem", "10MB").writeTo(data.resolve("web-chain.xml"));
        WebDriver browser = browser("alice-flows");
        try {
            browser.get(page("alice", "alice-pw", "/flows"));
            awaitLive(browser);

            send("{\"flow\":\"" + flow + "\",\"parameters\":{\"workDir\":\"" + data.resolve("flow-work") + "\"}}");

            By run = By.xpath("//div[@class='flow'][.//h3[contains(., 'web-chain') and contains(., 'COMPLETED')]]");
            String text = fresh(browser).until(d -> {
                WebElement shown = d.findElement(run);
                return shown.findElements(By.cssSelector("td a[href^='/job/']")).size() == 2 ? shown.getText() : null;
            });
            assertThat(text).contains("first").contains("second");
        } finally {
            browser.quit();
        }
    }

    /** A wait that looks the element up again when the page has re-rendered it meanwhile. */
    private static WebDriverWait fresh(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
        return wait;
    }

    private static void clickAfresh(WebDriver browser, By target) {
        fresh(browser).until(d -> {
            WebElement element = d.findElement(target);
            if (!element.isDisplayed() || !element.isEnabled()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /** A message on muster.submit as alice, as any JMS client sends it. */
    private static void send(String body) throws Exception {
        try (var factory = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(server.url());
             jakarta.jms.JMSContext context = factory.createContext("alice", "alice-pw")) {
            context.createProducer().send(context.createQueue("muster.submit"), body);
        }
    }

    @Test
    void givenAFinishedJobResubmitGoesThroughTheControlChecksAliceMayOlgaMayNot() throws Exception {
        try (Muster alice = Muster.connect(server.url(), "alice", "alice-pw")) {
            JobHandle job = alice.command("echo again").backend("local").mem("10MB").submit();
            assertThat(job.await(WAIT)).isEqualTo(JobState.COMPLETED);

            HttpResponse<String> refused = Http.post(http, "/api/resubmit?id=" + job.id(), "olga", "olga-pw", true);
            HttpResponse<String> accepted = Http.post(http, "/api/resubmit?id=" + job.id(), "alice", "alice-pw", true);

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("olga may not resubmit job " + job.id() + " of alice");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            assertThat(accepted.body()).contains("\"status\":\"ACCEPTED\"").contains("\"resubmittedFrom\":\"" + job.id());
        }
    }

    @Test
    void givenNoLoginThePageAndMetricsAskForOneAndAPostWithoutTheRequestHeaderIsRefused() throws Exception {
        assertThat(Http.get(http, "/").statusCode()).isEqualTo(401);
        assertThat(Http.get(http, "/metrics").statusCode()).isEqualTo(401);
        assertThat(Http.get(http, "/metrics", "olga", "wrong").statusCode()).isEqualTo(401);
        assertThat(Http.get(http, "/metrics", "olga", "olga-pw").statusCode()).isEqualTo(200);
        assertThat(Http.get(http, "/").headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).startsWith("Basic realm=\"Muster\""));
        assertThat(Http.post(http, "/api/cancel?id=x", "root", "root-pw", false).statusCode()).isEqualTo(403);
        assertThat(Http.get(http, "/health/live").statusCode()).isEqualTo(200);
    }

    private static String page(String user, String password, String path) {
        return "http://" + user + ":" + password + "@127.0.0.1:" + http + path;
    }

    private static void awaitLive(WebDriver browser) {
        fresh(browser).until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
    }

    private static WebDriver browser(String profile) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--no-default-browser-check", "--window-size=1280,900",
                "--user-data-dir=" + Files.createDirectories(data.resolve("chromium-" + profile))));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
