package dev.arbor.vertx;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF protection without a server-side session (OWASP's signed double-submit cookie, plus the
 * browser's own word on where a request comes from):
 * <ul>
 *   <li>a token is {@code random.HMAC-SHA256(secret, random)}, in a cookie ({@code __Host-arbor-csrf},
 *       {@code Secure}, over TLS; {@code arbor-csrf} over plain HTTP; {@code HttpOnly},
 *       {@code SameSite=Lax}, {@code Path=/}) and in every Arbor form's hidden field; an action
 *       runs only when both are there, equal, and signed with this secret, so any instance that
 *       shares the secret accepts it;</li>
 *   <li>{@code Sec-Fetch-Site} must be {@code same-origin} or {@code none} when sent, and
 *       {@code Origin} must be this site (or a trusted origin) when sent.</li>
 * </ul>
 */
final class Csrf {
    /** The form field (and {@link #HEADER} for script) that carries the token. */
    static final String FIELD = "_csrf";
    static final String HEADER = "X-Arbor-CSRF";
    static final String SECURE_COOKIE = "__Host-arbor-csrf";
    static final String PLAIN_COOKIE = "arbor-csrf";

    private static final System.Logger LOG = System.getLogger(ArborHost.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final boolean enabled;
    private final SecretKeySpec key;
    private final Set<String> trustedOrigins;
    private final Boolean secureCookie;

    Csrf(boolean enabled, byte[] secret, Set<String> trustedOrigins, Boolean secureCookie) {
        this.enabled = enabled;
        byte[] bytes = secret;
        if (bytes == null) {
            bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            if (enabled && WARNED.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "ARBOR CSRF: no csrfSecret configured, using a random secret for"
                        + " this process only. Forms rendered by another instance or before a restart will be"
                        + " refused (403). Set ArborHost.Builder.csrfSecret(...) from your configuration in"
                        + " production.");
            }
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.trustedOrigins = Set.copyOf(trustedOrigins);
        this.secureCookie = secureCookie;
    }

    /** Lets a test see the warning again. */
    static void forgetWarning() {
        WARNED.set(false);
    }

    boolean enabled() {
        return enabled;
    }

    /** @return a fresh signed token */
    String newToken() {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        String value = B64.encodeToString(random);
        return value + "." + sign(value);
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return B64.encodeToString(mac.doFinal(("arbor-csrf:" + value).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** @return whether {@code token} was signed with this secret */
    boolean valid(String token) {
        if (token == null || token.length() > 200) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        byte[] expected = sign(token.substring(0, dot)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    /** @return the cookie's name for this request */
    String cookieName(Transport transport) {
        return secure(transport) ? SECURE_COOKIE : PLAIN_COOKIE;
    }

    private boolean secure(Transport transport) {
        if (secureCookie != null) {
            return secureCookie;
        }
        try {
            return transport.routingContext().request().isSSL();
        } catch (IllegalStateException e) {
            return false; // PageTester: no connection
        }
    }

    /** @return the token of the request's cookie when it is valid, or {@code null} */
    String cookieToken(Transport transport) {
        String token = cookie(transport.header("Cookie"), cookieName(transport));
        return valid(token) ? token : null;
    }

    /** @return the {@code Set-Cookie} value that carries {@code token} */
    String setCookie(Transport transport, String token) {
        boolean secure = secure(transport);
        return (secure ? SECURE_COOKIE : PLAIN_COOKIE) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    /**
     * Checks where a request comes from.
     *
     * @return why it is refused, or {@code null} when it may go on
     */
    String refuseOrigin(Transport transport) {
        String origin = transport.header("Origin");
        if (origin != null && trustedOrigins.contains(origin)) {
            return null;
        }
        String site = transport.header("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return "the browser says this request comes from another site (Sec-Fetch-Site: " + printable(site) + ")";
        }
        if (origin != null) {
            String host = transport.header("Host");
            String expected = (secure(transport) ? "https://" : "http://") + host;
            if (host == null || !origin.equalsIgnoreCase(expected)) {
                return "its Origin (" + printable(origin) + ") is not this site";
            }
        }
        return null;
    }

    /**
     * Checks the token of a form against the cookie.
     *
     * @return why it is refused, or {@code null}
     */
    String refuseToken(Transport transport, String formToken) {
        String cookie = cookie(transport.header("Cookie"), cookieName(transport));
        if (cookie == null) {
            return "it carries no CSRF cookie (" + cookieName(transport) + "); load the form's page again";
        }
        if (formToken == null) {
            return "its form carries no CSRF token (the " + FIELD + " field that Forms.form adds)";
        }
        if (!valid(cookie) || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.US_ASCII),
                formToken.getBytes(StandardCharsets.US_ASCII))) {
            return "its CSRF token does not match (a form from another site, an old page or another secret)";
        }
        return null;
    }

    /** @return the value of cookie {@code name} in a {@code Cookie} header, or {@code null} */
    static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                return pair.substring(eq + 1).trim();
            }
        }
        return null;
    }

    private static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        StringBuilder out = new StringBuilder();
        for (char c : cut.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
