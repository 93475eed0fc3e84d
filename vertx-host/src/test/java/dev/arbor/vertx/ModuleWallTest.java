package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.Renderer;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host is a module of its own that reads the renderer through its API only. */
class ModuleWallTest {
    private final Module host = ArborHost.class.getModule();

    @Test
    void theHostExportsOnlyItsApi() {
        assertEquals("dev.arbor.vertx", host.getName(), "tests must run on the module path");
        Set<String> exported = host.getDescriptor().exports().stream()
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(Set.of("dev.arbor.vertx"), exported);
        assertFalse(Renderer.class.getModule().isExported("dev.arbor.internal", host));
    }

    @Test
    void hostCodeThatImportsTheRenderersInternalsDoesNotCompile(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("dev/arbor/vertx/Sneaky.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package dev.arbor.vertx;\n"
                + "import dev.arbor.internal.RenderRequest;\n"
                + "class Sneaky { Class<?> c = RenderRequest.class; }\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter out = new StringWriter();
        boolean compiled = javac.getTask(out, null, null, List.of(
                "--module-path", System.getProperty("jdk.module.path"),
                "--patch-module", "dev.arbor.vertx=" + dir,
                "--add-modules", "dev.arbor.vertx",
                "-d", dir.resolve("out").toString()),
                null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call();
        assertFalse(compiled, out.toString());
        assertTrue(out.toString().contains("package dev.arbor.internal is declared in module dev.arbor.renderer, which does not export it"),
                out.toString());
    }
}
