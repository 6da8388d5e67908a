package io.atoll.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.runtime.node.TerminationWatch.Ending;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The timer is a hand-run executor: the grace "passes" when the test runs what was scheduled. */
class TerminationWatchTest {
  private final List<Runnable> scheduled = new ArrayList<>();
  private final Executor timer = scheduled::add;
  private final CompletableFuture<Void> whenTerminated = new CompletableFuture<>();
  private final TerminationWatch watch = new TerminationWatch(whenTerminated, Duration.ofSeconds(15), timer);

  private void gracePasses() {
    List.copyOf(scheduled).forEach(Runnable::run);
  }

  @Test
  void aSystemThatTerminatesEndsAsTerminatedAndNothingIsScheduledBeforeTheLastPhase() {
    assertFalse(watch.ending().toCompletableFuture().isDone());
    whenTerminated.complete(null);
    assertEquals(Ending.TERMINATED, watch.ending().toCompletableFuture().join());
    assertTrue(scheduled.isEmpty(), "the grace starts only with the last shutdown phase");
  }

  @Test
  void aSystemStillRunningWhenTheGraceHasPassedIsAbandonedAndALateTerminationChangesNothing() {
    watch.lastPhaseStarted();
    assertFalse(watch.ending().toCompletableFuture().isDone(), "not before the grace has passed");
    gracePasses();
    assertEquals(Ending.ABANDONED, watch.ending().toCompletableFuture().join());
    whenTerminated.complete(null);
    assertEquals(Ending.ABANDONED, watch.ending().toCompletableFuture().join());
  }

  @Test
  void aSystemThatTerminatesWithinTheGraceIsNotAbandonedWhenTheTimerFiresAfterwards() {
    watch.lastPhaseStarted();
    whenTerminated.completeExceptionally(new IllegalStateException("terminated with an error"));
    gracePasses();
    assertEquals(Ending.TERMINATED, watch.ending().toCompletableFuture().join());
  }
}
