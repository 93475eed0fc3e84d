package dev.arbor.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The client runtime, a resource of the renderer: {@code dev/arbor/arbor-runtime.js}, compiled at
 * build time from the readable sources in {@code renderer/src/main/js} (see renderer/pom.xml) into
 * one classic script that is safe to write inline in a {@code <script>} element.
 */
public final class ClientRuntime {
    /** Where the runtime lives on the classpath. */
    public static final String RESOURCE = "/dev/arbor/arbor-runtime.js";

    private ClientRuntime() {
    }

    /** @return the runtime's JavaScript source */
    public static String source() {
        try (InputStream in = ClientRuntime.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Arbor's client runtime is missing from the classpath: " + RESOURCE
                        + " (the renderer's build compiles it from src/main/js)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
