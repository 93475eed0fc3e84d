package dev.arbor;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the renderer's sources: data flows one way (API → core → wire), so no package
 * imports one that imports it back, and no file of the core needs a table of contents.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.arbor(?:\\.[a-z]\\w*)*)\\.[A-Z]",
            Pattern.MULTILINE);

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return each package and the Arbor packages it imports */
    private static Map<String, Set<String>> packageGraph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path file : sources()) {
            String text = read(file);
            Matcher pkg = PACKAGE.matcher(text);
            if (!pkg.find()) {
                continue; // module-info
            }
            Set<String> uses = graph.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
            Matcher imp = IMPORT.matcher(text);
            while (imp.find()) {
                if (!imp.group(1).equals(pkg.group(1))) {
                    uses.add(imp.group(1));
                }
            }
        }
        return graph;
    }

    @Test
    void noPackageImportsOneThatImportsItBack() {
        Map<String, Set<String>> graph = packageGraph();
        assertTrue(graph.containsKey("dev.arbor.internal") && graph.containsKey("dev.arbor.internal.wire"), graph.toString());
        for (String start : graph.keySet()) {
            List<String> cycle = cycleFrom(start, start, graph, new ArrayList<>(), new TreeSet<>());
            assertNull(cycle, "an import cycle: " + cycle + " in " + graph);
        }
    }

    private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> graph, List<String> path,
            Set<String> seen) {
        path.add(at);
        for (String next : graph.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (seen.add(next)) {
                List<String> found = cycleFrom(start, next, graph, path, seen);
                if (found != null) {
                    return found;
                }
            }
        }
        path.remove(path.size() - 1);
        return null;
    }

    @Test
    void theCoreDependsOnNoApiTypeAndTheWireOnNothingOfArbors() {
        Map<String, Set<String>> graph = packageGraph();
        assertEquals(Set.of("dev.arbor.internal.wire"), graph.get("dev.arbor.internal"), "the core gets its configuration as a value");
        assertEquals(Set.of(), graph.get("dev.arbor.internal.wire"));
    }

    @Test
    void noFileOfTheCoreIsOverFourHundredLines() throws IOException {
        for (Path file : sources()) {
            if (file.startsWith(SOURCES.resolve("dev/arbor/internal"))) {
                long lines;
                try (Stream<String> l = Files.lines(file)) {
                    lines = l.count();
                }
                assertTrue(lines <= 400, file + " has " + lines + " lines: split it along a seam");
            }
        }
    }
}
