package dev.arbor.internal;

import java.time.Duration;
import java.util.Objects;

/** Guards at the door, shared by the renderer's and the host's builders. */
public final class Checks {
    private Checks() {
    }

    /**
     * @param deadline a deadline
     * @return the deadline
     * @throws NullPointerException when it is null
     * @throws IllegalArgumentException when it is zero or negative
     */
    public static Duration positiveDeadline(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive: " + deadline);
        }
        return deadline;
    }
}
