package dev.arbor.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}, installed by {@code .ci/run}) driven by Playwright,
 * which must not download a browser of its own. One per test class; each test opens a fresh page.
 */
final class Chromium implements AutoCloseable {
    private final Playwright playwright;
    private final Browser browser;

    Chromium() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get("/usr/bin/chromium"))
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync")));
    }

    /** A page in a context of its own that records every console error, CSP violation and uncaught error. */
    Tab newTab() {
        return newTab(new Browser.NewContextOptions());
    }

    /**
     * @param options the context's options: its viewport, JavaScript off
     * @return a page in a context of its own, as {@link #newTab()}
     */
    Tab newTab(Browser.NewContextOptions options) {
        return new Tab(browser.newContext(options));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }

    /** One test's page; closing it fails the test if the page logged an error. */
    static final class Tab implements AutoCloseable {
        final Page page;
        private final BrowserContext context;
        private final List<String> errors = new CopyOnWriteArrayList<>();

        private Tab(BrowserContext context) {
            this.context = context;
            this.page = context.newPage();
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    errors.add(message.text());
                }
            });
            page.onPageError(errors::add);
        }

        /** An error the test expects (a request it made to fail) does not fail it. */
        void expectErrorContaining(String text) {
            errors.removeIf(error -> error.contains(text));
        }

        @Override
        public void close() {
            context.close();
            assertTrue(errors.isEmpty(), "console or CSP errors: " + errors);
        }
    }
}
