package io.atoll.runtime.node;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * How one ActorSystem of a node ended: it terminated, or it was abandoned because it did not
 * terminate within a grace period after its coordinated shutdown reached its last phase.
 *
 * <p>Akka 2.6 can fail to terminate an ActorSystem whose Artery TLS stream failed (akka/akka#29162,
 * still open): the remoting terminator waits for a TLS stage that never completes, so the system
 * guardian never stops and {@code whenTerminated} never completes, although every user actor has
 * stopped and every shutdown phase has run. Seen in about one run in six of two TLS nodes stopping
 * right after the master quarantined the leaving worker. Without this watch a node's
 * {@code stop()} and a process waiting on {@code terminated()} would wait for ever; with it the
 * node ends after the grace, says so in an error, and a process exits (which ends the stuck threads).
 */
final class TerminationWatch {
  /** Whether the ActorSystem really terminated ({@code TERMINATED}) or was given up on. */
  enum Ending { TERMINATED, ABANDONED }

  private final CompletableFuture<Ending> ending = new CompletableFuture<>();
  private final Duration grace;
  private final Executor timer;

  /**
   * @param whenTerminated the ActorSystem's own termination
   * @param grace how long to wait, once {@link #lastPhaseStarted()} is called, before abandoning it
   */
  TerminationWatch(CompletionStage<?> whenTerminated, Duration grace) {
    this(whenTerminated, grace, CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS));
  }

  TerminationWatch(CompletionStage<?> whenTerminated, Duration grace, Executor timer) {
    this.grace = grace;
    this.timer = timer;
    whenTerminated.whenComplete((done, error) -> ending.complete(Ending.TERMINATED));
  }

  /**
   * Coordinated shutdown is about to terminate the ActorSystem: from now on it has {@code grace} to
   * do so. Akka's scheduler is not used for the wait (it stops with the system it belongs to).
   */
  void lastPhaseStarted() {
    timer.execute(() -> ending.complete(Ending.ABANDONED));
  }

  /** Completes once, with how the ActorSystem ended. */
  CompletionStage<Ending> ending() {
    return ending;
  }

  Duration grace() {
    return grace;
  }
}
