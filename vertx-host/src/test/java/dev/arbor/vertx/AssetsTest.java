package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Static files under content-hashed URLs, cached for a year; a changed file gets a new URL. */
@ExtendWith(VertxExtension.class)
class AssetsTest {
    @TempDir
    Path dir;

    private StreamingResponse get(Vertx vertx, Assets assets, String uri, String... headers) {
        Router router = Router.router(vertx);
        assets.mount(router);
        HttpServer server = StreamingResponse.join(vertx.createHttpServer().requestHandler(router).listen(0)
                .toCompletionStage().toCompletableFuture());
        HttpClient client = vertx.createHttpClient();
        return StreamingResponse.get(vertx, client, server.actualPort(), uri, headers);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void aFileIsServedUnderItsContentHashForAYear(Vertx vertx) throws IOException {
        write("app.css", "body { color: teal }");
        write("img/logo.svg", "<svg/>");
        Assets assets = Assets.directory(dir);

        String url = assets.url("app.css");
        assertTrue(url.matches("/assets/app\\.[0-9a-f]{10}\\.css"), url);
        assertTrue(assets.url("img/logo.svg").matches("/assets/img/logo\\.[0-9a-f]{10}\\.svg"));

        StreamingResponse css = get(vertx, assets, url);
        assertEquals(200, css.status());
        assertEquals("body { color: teal }", css.body());
        assertEquals("text/css; charset=utf-8", css.headers().get("Content-Type"));
        assertEquals("public, max-age=31536000, immutable", css.headers().get("Cache-Control"));
        assertEquals("nosniff", css.headers().get("X-Content-Type-Options"));
        assertEquals("image/svg+xml; charset=utf-8", get(vertx, assets, assets.url("img/logo.svg")).headers().get("Content-Type"));
    }

    @Test
    void aChangedFileGetsANewUrlAndTheOldOneIsGone(Vertx vertx) throws IOException {
        write("app.css", "body { color: teal }");
        String before = Assets.directory(dir).url("app.css");
        write("app.css", "body { color: navy }");
        Assets changed = Assets.directory(dir);

        assertNotEquals(before, changed.url("app.css"));
        assertEquals(404, get(vertx, changed, before).status(), "an old version is not served as the new one");
        assertEquals("body { color: navy }", get(vertx, changed, changed.url("app.css")).body());
    }

    @Test
    void thePlainNameRevalidatesAndNothingOutsideTheFolderIsReachable(Vertx vertx) throws IOException {
        write("app.css", "body {}");
        Files.writeString(dir.getParent().resolve("secret.txt"), "password");
        Assets assets = Assets.directory(dir).at("/static");

        StreamingResponse plain = get(vertx, assets, "/static/app.css");
        assertEquals(200, plain.status());
        assertEquals("no-cache", plain.headers().get("Cache-Control"));
        String etag = plain.headers().get("ETag");
        assertEquals(304, get(vertx, assets, "/static/app.css", "If-None-Match", etag).status());

        for (String uri : new String[] {"/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/nothing.css",
                "/static/", "/static/app.0000000000.css"}) {
            assertEquals(404, get(vertx, assets, uri).status(), uri);
        }
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> assets.url("ap.css"));
        assertTrue(typo.getMessage().contains("No asset 'ap.css'"), typo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> assets.at("/static/"));
    }

    @Test
    void aFolderOnTheClassPathIsReadFromADirectoryOrAJar(Vertx vertx) throws Exception {
        Path jar = dir.resolve("site.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("site/"));
            out.putNextEntry(new JarEntry("site/app.js"));
            out.write("console.log('hi')".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        ClassLoader saved = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Thread.currentThread().setContextClassLoader(loader);
            Assets assets = Assets.classpath("site");
            StreamingResponse js = get(vertx, assets, assets.url("app.js"));
            assertEquals("console.log('hi')", js.body());
            assertEquals("text/javascript; charset=utf-8", js.headers().get("Content-Type"));
        } finally {
            Thread.currentThread().setContextClassLoader(saved);
        }
        assertThrows(IllegalArgumentException.class, () -> Assets.classpath("no-such-folder"));
    }

}
