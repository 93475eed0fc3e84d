package dev.arbor;

import java.time.Duration;
import java.util.Objects;

/**
 * The rule every deadline Arbor takes follows (the renderer's, a render's, a host's, a page's):
 * it is given and positive. Public so that hosts and applications check their own deadlines at
 * their door the same way, with the same message, as {@link Objects#requireNonNull} does for nulls.
 */
public final class Deadlines {
    private Deadlines() {
    }

    /**
     * @param deadline a deadline
     * @return the deadline
     * @throws NullPointerException when it is null
     * @throws IllegalArgumentException when it is zero or negative
     */
    public static Duration requirePositive(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive: " + deadline);
        }
        return deadline;
    }
}
