package dev.arbor;

/**
 * Receives every error a render catches, with the digest that the client sees. The default logs
 * through {@link System.Logger} at {@code ERROR} with the full stack.
 */
@FunctionalInterface
public interface ErrorReporter {

    /**
     * @param digest the id shown to the client
     * @param error the full error
     */
    void report(String digest, Throwable error);
}
