package dev.arbor.vertx;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The pages a host mounted ({@link ArborHost#mount}) by path, so that an action can serve the page
 * its redirect leads to in the same response (single flight) without routing the request again.
 * Vert.x Web's {@code reroute} would, but it keeps the action's path and query parameters for the
 * target and drops the end handlers (a session's flush, an upload's cleanup) that the action's
 * handlers registered.
 *
 * <p>Paths are matched as Vert.x Web matches the plain ones: literal segments, {@code :name}
 * segments (one segment, percent-decoded) and a final {@code *}. A path with a regular expression
 * matches nothing here; its action's redirect is a {@code 303} that the runtime's fetch follows.
 * Thread-safe: every server instance mounts its router on one host.
 */
final class Mounts {
    /** A page mounted on a path, split into segments. */
    private record Mount(String[] segments, boolean prefix, Page<?> page) {
    }

    /** The page for a path, and the path parameters it gives it. */
    record Match(Page<?> page, Map<String, String> params) {
    }

    private final List<Mount> mounts = new CopyOnWriteArrayList<>();

    /** Records a mount; the same path mounted again (another server instance's router) is kept once. */
    void add(String path, Page<?> page) {
        boolean prefix = path.endsWith("*");
        String[] segments = segments(prefix ? path.substring(0, path.length() - 1) : path);
        for (Mount mount : mounts) {
            if (mount.prefix == prefix && java.util.Arrays.equals(mount.segments, segments)) {
                return;
            }
        }
        mounts.add(new Mount(segments, prefix, page));
    }

    /**
     * @param path a path, without query or fragment
     * @return the first mount that matches it, or {@code null}
     */
    Match match(String path) {
        String[] parts = segments(path);
        for (Mount mount : mounts) {
            Map<String, String> params = match(mount, parts);
            if (params != null) {
                return new Match(mount.page, params);
            }
        }
        return null;
    }

    private static Map<String, String> match(Mount mount, String[] parts) {
        String[] segments = mount.segments;
        if (mount.prefix ? parts.length < segments.length : parts.length != segments.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.startsWith(":")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                params.put(segment.substring(1), decode(parts[i]));
            } else if (!segment.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    /** "/a/b/" and "/a/b" are one path, as for Vert.x Web's plain routes. */
    private static String[] segments(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.split("/", -1);
    }

    /** A path segment's value: %-escapes decoded; a '+' stays a '+' (it means a space only in queries). */
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }
}
