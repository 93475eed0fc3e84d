package dev.arbor.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbor.Mode;
import dev.arbor.RenderError;
import dev.arbor.RenderTimeoutException;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class UiTest {

    @Test
    void anErrorPanelReadsAsASentenceWhateverTheSubject() {
        Document timeout = Jsoup.parse(Ui.errorPanel("the reviews",
                new RenderError("d1", new RenderTimeoutException(Duration.ofSeconds(10)), Mode.PRODUCTION)).render());
        assertEquals("Couldn't load the reviews.", timeout.select(".error-title").text().replace("!", "").trim());
        assertEquals("The source took too long to answer.", timeout.select(".error-detail").text());
        assertEquals("Reference d1", timeout.select(".error-digest").text());

        Document failed = Jsoup.parse(Ui.errorPanel("the feed",
                new RenderError("d2", new IllegalStateException("secret"), Mode.PRODUCTION)).render());
        assertEquals("Couldn't load the feed.", failed.select(".error-title").text().replace("!", "").trim());
        assertEquals("The error was logged on the server.", failed.select(".error-detail").text());
    }
}
