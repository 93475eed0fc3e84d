package dev.arbor.vertx;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The client runtime's navigation script (renderer/src/main/js/navigation.mjs, compiled by the
 * renderer's build next to the inline runtime): not inlined in every document like the runtime,
 * but served once under a content-hashed URL that browsers cache for good, and loaded by every
 * streamed page's head with the request's nonce.
 */
final class NavigationScript {
    /** Where the renderer's build puts it: META-INF is no package, so any module may read it. */
    private static final String RESOURCE = "META-INF/arbor/arbor-navigation.js";
    private static final byte[] SOURCE = read();
    /** The script's URL: {@code /_arbor/navigation.<hash>.js}. */
    static final String PATH = "/_arbor/navigation." + hash(SOURCE) + ".js";

    private NavigationScript() {
    }

    /** @return the handler that serves the script, immutable for a year */
    static Handler<RoutingContext> handler() {
        Buffer body = Buffer.buffer(SOURCE);
        return context -> context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
                .end(body);
    }

    /** @return the script's source */
    static byte[] source() {
        return SOURCE.clone();
    }

    private static byte[] read() {
        try (InputStream in = NavigationScript.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Arbor's navigation script is missing from the classpath: " + RESOURCE
                        + " (the renderer's build compiles it from src/main/js)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
