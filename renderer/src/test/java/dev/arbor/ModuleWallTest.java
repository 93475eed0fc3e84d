package dev.arbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The wall between API and implementation is the module's: users reach the DSL, the query cache
 * and the test helpers, never {@code dev.arbor.internal} (so never past the DSL's checks). The
 * tests run inside the module, so this also proves they run on the module path.
 */
class ModuleWallTest {
    private final Module renderer = Renderer.class.getModule();

    @Test
    void theRendererIsANamedModule() {
        assertTrue(renderer.isNamed(), "tests must run on the module path");
        assertEquals("dev.arbor.renderer", renderer.getName());
    }

    @Test
    void itExportsTheApiAndNothingOfTheImplementation() {
        Set<String> exported = renderer.getDescriptor().exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.arbor", "dev.arbor.query", "dev.arbor.testing"), exported);
        for (String pkg : renderer.getPackages()) {
            if (pkg.equals("dev.arbor.internal") || pkg.startsWith("dev.arbor.internal.")) {
                assertFalse(renderer.isExported(pkg), pkg + " must stay inside the module");
            }
        }
        assertTrue(renderer.getPackages().contains("dev.arbor.internal"));
    }

    @Test
    void jsoupIsOptional() {
        ModuleDescriptor.Requires jsoup = renderer.getDescriptor().requires().stream()
                .filter(r -> r.name().equals("org.jsoup")).findFirst().orElseThrow();
        assertEquals(Set.of(ModuleDescriptor.Requires.Modifier.STATIC), jsoup.modifiers(),
                "only dev.arbor.testing needs jsoup; an application must start without it");
    }
}
