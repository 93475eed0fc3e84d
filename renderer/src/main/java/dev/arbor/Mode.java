package dev.arbor;

/** How much of an error the client may see. */
public enum Mode {
    /** Error views show the error's message. For local development only. */
    DEVELOPMENT,
    /**
     * Error views show a digest only; the server reports the digest with the full error, so an
     * operator can find it in the logs. The default.
     */
    PRODUCTION
}
