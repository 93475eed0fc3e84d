package dev.arbor.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The root README's optimistic-update example is the demo's own code (reviews.js, which
 * {@link ReviewFormBrowserTest} runs in Chromium); fails when either drifts from the other.
 */
class ReadmeOptimisticExampleTest {
    @Test
    void readmeShowsTheDemosOptimisticUpdateVerbatim() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        String readme = Files.readString(module.getParent().resolve("README.md"));
        Matcher m = Pattern.compile("(?s)```js\\n(document\\.addEventListener\\('arbor:submit'.*?)```").matcher(readme);
        assertTrue(m.find(), "README.md has no arbor:submit example");
        String example = m.group(1).strip();
        String script = Files.readString(module.resolve("src/main/resources/webroot/reviews.js")).stripIndent();
        // the script's code sits two spaces in, inside its function
        String unindented = script.lines().map(line -> line.startsWith("  ") ? line.substring(2) : line)
                .reduce((a, b) -> a + "\n" + b).orElse("");
        assertTrue(unindented.contains(example), "reviews.js lacks README.md's example:\n" + example);
    }
}
