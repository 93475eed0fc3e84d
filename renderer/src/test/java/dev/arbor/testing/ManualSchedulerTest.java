package dev.arbor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbor.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> ran = new ArrayList<>();

    @Test
    void nothingRunsUntilTheTestFiresThenEverythingPendingRunsInOrder() {
        scheduler.schedule(Duration.ofSeconds(10), () -> ran.add("long"));
        scheduler.schedule(Duration.ofMillis(1), () -> ran.add("short"));
        assertEquals(List.of(), ran);
        assertEquals(2, scheduler.pending());

        scheduler.fireAll();
        assertEquals(List.of("long", "short"), ran, "every delay passes at once, in the order scheduled");
        assertEquals(0, scheduler.pending());

        scheduler.fireAll();
        assertEquals(2, ran.size(), "a task runs once");
    }

    @Test
    void aCancelledTaskNeverRunsAndIsCountedOnce() {
        Scheduler.Cancellable a = scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("a"));
        scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("b"));
        a.cancel();
        a.cancel();
        assertEquals(1, scheduler.cancelled());
        assertEquals(1, scheduler.pending());

        scheduler.fireAll();
        assertEquals(List.of("b"), ran);
    }

    @Test
    void cancellingAFiredTaskChangesNothing() {
        Scheduler.Cancellable a = scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("a"));
        scheduler.fireAll();
        a.cancel();
        assertEquals(0, scheduler.cancelled());
        assertEquals(List.of("a"), ran);
    }

    @Test
    void aTaskScheduledWhileFiringWaitsForTheNextFiring() {
        scheduler.schedule(Duration.ofSeconds(1), () -> {
            ran.add("first");
            scheduler.schedule(Duration.ofSeconds(2), () -> ran.add("second"));
        });
        scheduler.fireAll();
        assertEquals(List.of("first"), ran);
        assertEquals(1, scheduler.pending());
        scheduler.fireAll();
        assertEquals(List.of("first", "second"), ran);
    }

    @Test
    void delaysAreRecordedForEveryTaskEverScheduled() {
        scheduler.schedule(Duration.ofSeconds(3), () -> { }).cancel();
        scheduler.schedule(Duration.ofMillis(250), () -> { });
        scheduler.fireAll();
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofMillis(250)), scheduler.delays());
    }

    @Test
    void aTestCanWaitUntilATimerIsStarted() {
        var first = scheduler.whenScheduled();
        assertEquals(false, first.isDone());
        scheduler.schedule(Duration.ofSeconds(1), () -> { });
        assertEquals(true, first.isDone());
        assertEquals(true, scheduler.whenScheduled().isDone(), "one waits to be fired");

        scheduler.fireAll();
        var next = scheduler.whenScheduled();
        assertEquals(false, next.isDone(), "nothing waits any more");
        scheduler.schedule(Duration.ofSeconds(2), () -> { });
        assertEquals(true, next.isDone());
    }
}
