package dev.arbor;

import java.security.SecureRandom;

/**
 * Names an error for the client: the digest that an error view and the 500 page show, and under
 * which the {@link ErrorReporter} logs the full error. The default, {@link #random()}, gives every
 * error a new unguessable id. A test can give a fixed or derived one, so that two renders of a
 * failing page compare equal; an operator can derive it from the error (its class and first
 * frames, say) so that one bug keeps one digest. A digest is public: never put a message or data
 * in it.
 */
@FunctionalInterface
public interface DigestFunction {

    /**
     * @param error the error a render caught
     * @return its digest: short, non-empty, safe to show (it is escaped wherever it goes)
     */
    String digest(Throwable error);

    /**
     * 64 random bits from {@link SecureRandom}, in base 36 (up to 13 characters): unguessable, so
     * a digest reveals nothing and cannot be forged to match another user's error.
     *
     * @return the default digest function
     */
    static DigestFunction random() {
        return RandomDigests.INSTANCE;
    }
}

/** The default digests; one {@link SecureRandom} shared by every render (it is thread-safe). */
final class RandomDigests implements DigestFunction {
    static final RandomDigests INSTANCE = new RandomDigests();
    private final SecureRandom random = new SecureRandom();

    private RandomDigests() {
    }

    @Override
    public String digest(Throwable error) {
        return Long.toUnsignedString(random.nextLong(), 36);
    }
}
