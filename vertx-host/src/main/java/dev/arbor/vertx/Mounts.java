package dev.arbor.vertx;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.internal.net.RFC3986;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The pages a host mounted ({@link ArborHost#mount}), by router and path, so that an action can
 * serve the page its redirect leads to in the same response (single flight) without routing the
 * request again. Vert.x Web's {@code reroute} would, but it keeps the action's path and query
 * parameters for the target and drops the end handlers (a session's flush, an upload's cleanup)
 * that the action's handlers registered.
 *
 * <p>Serving the target this way must not skip what a {@code GET} of it would meet: a target is
 * served only when no route of the router before the page's own could take that {@code GET}
 * (a guard on {@code /admin/*}, another page on {@code /products/new}) unless the action's
 * request went through that route too. Otherwise, and for anything this class cannot judge
 * (regular-expression routes, {@code /:from-:to} segments, sub-routers), the action answers a
 * {@code 303}, which the runtime's fetch follows through the router. Thread-safe: every server
 * instance mounts its router on one host.
 */
final class Mounts {
    /** A page mounted on a path of a router, the path split into segments. */
    private record Mount(Router router, Route route, Pattern path, Page<?> page) {
    }

    /** The page for a path, and the path parameters it gives it. */
    record Match(Page<?> page, Map<String, String> params) {
    }

    private final List<Mount> mounts = new CopyOnWriteArrayList<>();

    /**
     * Records a page's route; a path this class cannot match exactly as Vert.x Web does is not
     * recorded (its redirects are 303s).
     */
    void add(Router router, Route route, String path, Page<?> page) {
        Pattern pattern = Pattern.of(path);
        if (pattern != null) {
            mounts.add(new Mount(router, route, pattern, page));
        }
    }

    /**
     * @param router the router the action is on, or {@code null} when unknown ({@code actionHandler}
     *     on the app's own route): then nothing matches
     * @param action the action's path, whose routes the request went through
     * @param target a redirect's path, without query or fragment
     * @return the page a {@code GET} of {@code target} would reach, if it is safe to serve it here
     */
    Match match(Router router, String action, String target) {
        target = normalized(target); // what the router would match a GET of it on
        if (target == null) {
            return null;
        }
        for (Mount mount : mounts) {
            Map<String, String> params = mount.router == router ? mount.path.match(target) : null;
            if (params != null) {
                return firstFor(router, mount, action, target) ? new Match(mount.page, params) : null;
            }
        }
        return null;
    }

    /** For {@link PageTester}, which has no router: any mounted page whose path matches. */
    Match matchAny(String target) {
        target = normalized(target);
        if (target == null) {
            return null;
        }
        for (Mount mount : mounts) {
            Map<String, String> params = mount.path.match(target);
            if (params != null) {
                return new Match(mount.page, params);
            }
        }
        return null;
    }

    /**
     * @return the path as Vert.x Web normalizes a request's, or {@code null} when it is not served
     *     in place: a malformed escape (the router answers a {@code GET} of it with a 400), or a
     *     character a browser rewrites before it asks (a {@code \}, a space, non-ASCII: the URL
     *     standard turns them into {@code /} or escapes, so its {@code GET} may reach another route)
     */
    private static String normalized(String target) {
        for (int i = 0; i < target.length(); i++) {
            if (!isPathCharacter(target.charAt(i))) {
                return null;
            }
        }
        try {
            return RFC3986.normalizePath(target);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** @return whether RFC 3986 allows {@code c} as it is in a path (pchar or {@code /}) */
    private static boolean isPathCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~%!$&'()*+,;=:@/".indexOf(c) >= 0;
    }

    /**
     * Whether a {@code GET} of {@code target} reaches the mount's route with nothing before it that
     * the action's request did not go through itself.
     */
    private static boolean firstFor(Router router, Mount mount, String action, String target) {
        for (Route route : router.getRoutes()) {
            if (route == mount.route) {
                return true;
            }
            if (takes(route, HttpMethod.GET, target) && !takes(route, HttpMethod.POST, action)) {
                return false;
            }
        }
        return false; // the page's route is gone
    }

    /** @return whether {@code route} may handle {@code method} on {@code path} (when unsure: yes) */
    static boolean takes(Route route, HttpMethod method, String path) {
        if (route.methods() != null && !route.methods().contains(method)) {
            return false;
        }
        String pattern = route.getPath();
        if (pattern == null) {
            return true; // every path, or a regular expression this class does not evaluate
        }
        if (!route.isExactPath()) {
            return path.startsWith(pattern) || (path + "/").equals(pattern);
        }
        Pattern parsed = Pattern.of(pattern);
        return parsed == null || parsed.match(path) != null;
    }

    /** A Vert.x Web path: literal segments and whole-segment {@code :name} parameters. */
    private record Pattern(String[] segments) {
        /** @return the pattern, or {@code null} for a path it cannot match as Vert.x Web does */
        static Pattern of(String path) {
            if (path.endsWith("*")) {
                return null; // a prefix route: its page gets the rest of the path in ways not modelled here
            }
            String[] segments = segmentsOf(path);
            for (String segment : segments) {
                int colon = segment.indexOf(':');
                if (colon > 0 || (colon == 0 && !segment.substring(1).matches("[A-Za-z0-9_$]+"))) {
                    return null; // /:from-:to and the like
                }
            }
            return new Pattern(segments);
        }

        Map<String, String> match(String path) {
            String[] parts = segmentsOf(path);
            if (parts.length != segments.length) {
                return null;
            }
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < segments.length; i++) {
                String segment = segments[i];
                if (segment.startsWith(":")) {
                    if (parts[i].isEmpty()) {
                        return null;
                    }
                    String value = decode(parts[i]);
                    if (value == null) {
                        return null; // Vert.x Web answers such a parameter with a 400
                    }
                    params.put(segment.substring(1), value);
                } else if (!segment.equals(parts[i])) {
                    return null;
                }
            }
            return params;
        }
    }

    /** "/a/b/" and "/a/b" are one path, as for Vert.x Web's plain routes. */
    private static String[] segmentsOf(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.split("/", -1);
    }

    /**
     * @return a path segment's value, decoded as Vert.x Web decodes a parameter (a '+' stays a
     *     '+'), or {@code null} when it cannot be decoded
     */
    private static String decode(String segment) {
        try {
            return RFC3986.decodeURIComponent(segment, false);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
