package io.atoll.runtime.http;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.japi.function.Function;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * Asks the cluster's actors on behalf of a request, waiting at most {@code atoll.http.ask-timeout}.
 * No answer in time is a 503 that tells the client to retry: the singletons are unreachable while
 * the cluster has no active master yet or is failing over.
 */
final class Asks {
  private final ActorSystem<?> system;
  private final Duration timeout;

  Asks(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  Duration timeout() {
    return timeout;
  }

  ActorSystem<?> system() {
    return system;
  }

  /** @param who names the asked actor in the 503 message, e.g. "the resource manager" */
  <T, R> CompletionStage<R> ask(ActorRef<T> target, Function<ActorRef<R>, T> message, String who) {
    CompletionStage<R> answer = AskPattern.ask(target, message, timeout, system.scheduler());
    return answer.exceptionally(failure -> {
      Throwable cause = JsonErrors.unwrap(failure);
      if (cause instanceof TimeoutException) {
        throw ApiException.serviceUnavailable(who + " did not answer within " + human(timeout)
            + "; the cluster may have no active master yet (starting or failing over), retry shortly");
      }
      throw new CompletionException(cause);
    });
  }

  static String human(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
