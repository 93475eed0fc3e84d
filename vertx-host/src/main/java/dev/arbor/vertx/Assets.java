package dev.arbor.vertx;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.MimeMapping;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Static files under content-hashed URLs: {@code app.css} is served as
 * {@code /assets/app.3f2a9c1b7e.css} with {@code Cache-Control: public, max-age=31536000, immutable},
 * and pages ask for that URL with {@link #url(String)}. A changed file gets a new URL, so browsers
 * fetch it at once and keep every version forever; nothing is stale for a day.
 *
 * <pre>{@code
 * Assets assets = Assets.classpath("webroot");                     // src/main/resources/webroot
 * ArborHost host = ArborHost.builder(renderer)
 *         .head(Head.of("Shop").withStylesheet(assets.url("app.css")))   // /assets/app.3f2a9c1b7e.css
 *         .build();
 * assets.mount(router);                                            // GET and HEAD under /assets/
 * }</pre>
 *
 * <p>Every file under the folder is read and hashed (SHA-256, the first 10 hex digits) once, when
 * the assets are made, and served from memory: meant for a site's own CSS, scripts, icons and
 * fonts, not for uploads or large media. A file's plain name ({@code /assets/app.css}) is served
 * too, with {@code Cache-Control: no-cache} and an {@code ETag}, for references that cannot carry
 * a hash; a hashed name whose hash is not the file's (an old version) answers 404, and so does
 * every name that is not a file of the folder: nothing outside it can be reached. Immutable and
 * thread-safe: make one per application and share it.
 */
public final class Assets {
    /** The default prefix under which files are served. */
    public static final String DEFAULT_PREFIX = "/assets";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** One file: its content, its hash and its hashed name. */
    private record Asset(String name, String hashedName, String hash, Buffer content, String contentType) {
    }

    private final String prefix;
    /** By plain name ({@code css/app.css}). */
    private final Map<String, Asset> byName;
    /** By hashed name ({@code css/app.3f2a9c1b7e.css}). */
    private final Map<String, Asset> byHashedName;

    private Assets(String prefix, Map<String, Asset> byName) {
        this.prefix = prefix;
        this.byName = byName;
        Map<String, Asset> hashed = new HashMap<>();
        byName.values().forEach(a -> hashed.put(a.hashedName(), a));
        this.byHashedName = Map.copyOf(hashed);
    }

    /**
     * The files of a folder on the class path (in a jar or in a directory), served under
     * {@link #DEFAULT_PREFIX}.
     *
     * @param folder a resource folder, such as {@code webroot} for {@code src/main/resources/webroot}
     * @return the assets
     * @throws IllegalArgumentException when there is no such folder
     * @throws UncheckedIOException when a file cannot be read
     */
    public static Assets classpath(String folder) {
        Objects.requireNonNull(folder, "folder");
        String name = folder.replaceAll("^/+|/+$", "");
        URL url = Thread.currentThread().getContextClassLoader().getResource(name);
        if (url == null) {
            url = Assets.class.getClassLoader().getResource(name);
        }
        if (url == null) {
            throw new IllegalArgumentException("No folder '" + name + "' on the class path");
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a folder: " + url, e);
        }
        if ("jar".equals(uri.getScheme())) {
            FileSystem jar;
            boolean opened = false;
            try {
                jar = FileSystems.getFileSystem(uri);
            } catch (FileSystemNotFoundException e) {
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            }
            try {
                return new Assets(DEFAULT_PREFIX, read(jar.provider().getPath(uri)));
            } finally {
                if (opened) {
                    try {
                        jar.close();
                    } catch (IOException e) {
                        // everything was read already
                    }
                }
            }
        }
        return new Assets(DEFAULT_PREFIX, read(Path.of(uri)));
    }

    /**
     * The files of a directory, served under {@link #DEFAULT_PREFIX}.
     *
     * @param directory the directory
     * @return the assets
     * @throws IllegalArgumentException when it is not a directory
     * @throws UncheckedIOException when a file cannot be read
     */
    public static Assets directory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("Not a directory: " + directory);
        }
        return new Assets(DEFAULT_PREFIX, read(directory));
    }

    /**
     * @param prefix the path the files are served under, such as {@code /static}
     * @return a copy served there
     */
    public Assets at(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("*") || prefix.contains(":")) {
            throw new IllegalArgumentException("A prefix starts with / and ends without one, with no * or :, got " + prefix);
        }
        return new Assets(prefix, byName);
    }

    /**
     * The URL to put in a page for a file: its content-hashed name under the prefix.
     *
     * @param name the file's path inside the folder, such as {@code app.css} or {@code img/logo.svg}
     * @return its URL, such as {@code /assets/app.3f2a9c1b7e.css}
     * @throws IllegalArgumentException when the folder has no such file (a typo fails at once)
     */
    public String url(String name) {
        Objects.requireNonNull(name, "name");
        Asset asset = byName.get(name.startsWith("/") ? name.substring(1) : name);
        if (asset == null) {
            throw new IllegalArgumentException("No asset '" + name + "'; there are: " + byName.keySet());
        }
        return prefix + "/" + asset.hashedName();
    }

    /** @return the prefix the files are served under */
    public String prefix() {
        return prefix;
    }

    /**
     * Serves the files for GET and HEAD requests under the prefix: {@code router.route(prefix + "/*")}.
     *
     * @param router the router
     * @return Vert.x Web's route
     */
    public io.vertx.ext.web.Route mount(Router router) {
        Objects.requireNonNull(router, "router");
        return router.route(prefix + "/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(handler());
    }

    /**
     * @return the handler behind {@link #mount}, for a route of your own under the prefix
     */
    public Handler<RoutingContext> handler() {
        return this::serve;
    }

    private void serve(RoutingContext context) {
        String path = context.normalizedPath();
        if (!path.startsWith(prefix + "/")) {
            context.next();
            return;
        }
        String name = path.substring(prefix.length() + 1);
        HttpServerResponse response = context.response();
        Asset hashed = byHashedName.get(name);
        Asset asset = hashed != null ? hashed : byName.get(name);
        if (asset == null) {
            response.setStatusCode(404).putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
            return;
        }
        String etag = "\"" + asset.hash() + "\"";
        response.putHeader(HttpHeaders.CACHE_CONTROL, hashed != null ? IMMUTABLE : "no-cache")
                .putHeader(HttpHeaders.ETAG, etag)
                .putHeader("X-Content-Type-Options", "nosniff");
        if (etag.equals(context.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType());
        if (context.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(asset.content().length())).end();
        } else {
            response.end(asset.content());
        }
    }

    private static Map<String, Asset> read(Path root) {
        Map<String, Asset> assets = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                byte[] content = Files.readAllBytes(file);
                String hash = hash(content);
                assets.put(name, new Asset(name, hashedName(name, hash), hash, Buffer.buffer(content), contentType(name)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the assets in " + root, e);
        }
        return Map.copyOf(assets);
    }

    /** {@code css/app.css} with hash {@code h}: {@code css/app.h.css}; {@code LICENSE}: {@code LICENSE.h}. */
    private static String hashedName(String name, String hash) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash + 1 ? name.substring(0, dot) + "." + hash + name.substring(dot) : name + "." + hash;
    }

    private static String hash(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static final List<String> TEXT = List.of("text/", "application/javascript", "application/json",
            "image/svg+xml", "application/xml", "application/manifest+json");

    private static String contentType(String name) {
        String type = MimeMapping.mimeTypeForFilename(name);
        if (type == null) {
            return "application/octet-stream";
        }
        return TEXT.stream().anyMatch(type::startsWith) ? type + "; charset=utf-8" : type;
    }
}
