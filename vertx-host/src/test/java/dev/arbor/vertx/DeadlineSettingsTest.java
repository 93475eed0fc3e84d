package dev.arbor.vertx;

import static j2html.TagCreator.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arbor.Renderer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A host's and a page's deadline are checked where they are set, like the renderer's. */
class DeadlineSettingsTest {
    @Test
    void aPageRefusesADeadlineThatIsNotPositive() {
        Page<Void> page = Page.of(request -> p("hello"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> page.deadline(Duration.ZERO));
        assertEquals("deadline must be positive: PT0S", e.getMessage());
        assertThrows(NullPointerException.class, () -> page.deadline(null));
    }

    @Test
    void aHostRefusesADeadlineThatIsNotPositive() {
        ArborHost.Builder builder = ArborHost.builder(Renderer.builder().build());
        assertThrows(IllegalArgumentException.class, () -> builder.deadline(Duration.ofSeconds(-1)));
    }
}
