package io.atoll.runtime.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One source of {@code GET /metrics}: reads its current values (asking an actor, or reading local
 * counters) and then writes them. The endpoint collects every source at once; a source that fails
 * or does not answer leaves its families out and shows as {@code atoll_metrics_source_up 0}, the
 * others are still written.
 *
 * <p>A node-local source, e.g. counters kept in {@code LongAdder}s, is one line:
 * <pre>{@code
 * MetricsSource.of("events", w -> w.counter("atoll_events_delivered_total", "Events delivered", c.delivered()))
 * }</pre>
 */
public interface MetricsSource {

  /** Names the source in {@code atoll_metrics_source_up{source="..."}}. */
  String name();

  /**
   * The current values, as a writer of them; the stage must not block and the writer must only
   * write (it runs while the response is being put together).
   */
  CompletionStage<Consumer<MetricsWriter>> collect();

  /** A source whose values are at hand (local counters): read when written. */
  static MetricsSource of(String name, Consumer<MetricsWriter> write) {
    return of(name, () -> CompletableFuture.completedFuture(write));
  }

  static MetricsSource of(String name, java.util.function.Supplier<CompletionStage<Consumer<MetricsWriter>>> collect) {
    return new MetricsSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public CompletionStage<Consumer<MetricsWriter>> collect() {
        return collect.get();
      }
    };
  }
}
