package io.atoll.runtime.http;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Extension;
import akka.actor.typed.ExtensionId;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The node's extra {@link MetricsSource}s for {@code GET /metrics}, next to the cluster figures the
 * API always writes. A subsystem that keeps its own counters registers them once, when it starts:
 * <pre>{@code
 * MetricsRegistry.get(system).register(MetricsSource.of("cache", w -> w.gauge("my_cache_entries", "Entries", cache.size())));
 * }</pre>
 * Sources are read at every scrape, in the order they were registered. Metrics made with the
 * Prometheus client ({@code Counter.builder()...register(registry.prometheus())}) are scraped from
 * {@link #prometheus()} too. Both reach {@code GET /metrics} and {@code GET /openmetrics} of the
 * REST API and of the node's metrics server.
 */
public final class MetricsRegistry implements Extension {
  private static final ExtensionId<MetricsRegistry> ID = new ExtensionId<>() {
    @Override
    public MetricsRegistry createExtension(ActorSystem<?> system) {
      return new MetricsRegistry();
    }
  };

  private final List<MetricsSource> sources = new CopyOnWriteArrayList<>();
  private final PrometheusRegistry prometheus = new PrometheusRegistry();

  private MetricsRegistry() {}

  public static MetricsRegistry get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /** @throws IllegalArgumentException when a source of that name is registered already */
  public synchronized void register(MetricsSource source) {
    if (sources.stream().anyMatch(s -> s.name().equals(source.name()))) {
      throw new IllegalArgumentException("a metrics source named " + source.name() + " is registered already");
    }
    sources.add(source);
  }

  /** This node's registry for Prometheus client metrics (the JVM's own are added at every scrape). */
  public PrometheusRegistry prometheus() {
    return prometheus;
  }

  List<MetricsSource> sources() {
    return List.copyOf(sources);
  }
}
