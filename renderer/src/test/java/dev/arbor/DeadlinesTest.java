package dev.arbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
    @Test
    void aPositiveDeadlinePassesThrough() {
        Duration deadline = Duration.ofMillis(1);
        assertSame(deadline, Deadlines.requirePositive(deadline));
    }

    @Test
    void zeroNegativeAndMissingDeadlinesAreRefusedWithAClearMessage() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Deadlines.requirePositive(Duration.ZERO));
        assertEquals("deadline must be positive: PT0S", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Deadlines.requirePositive(Duration.ofSeconds(-1)));
        NullPointerException missing = assertThrows(NullPointerException.class, () -> Deadlines.requirePositive(null));
        assertEquals("deadline", missing.getMessage());
    }
}
