package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.completeWithFuture;
import static akka.http.javadsl.server.Directives.get;
import static akka.http.javadsl.server.Directives.path;

import akka.http.javadsl.model.ContentType;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.server.Route;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: every {@link MetricsSource} in Prometheus' text format. Sources are asked at
 * once; one that fails is left out, logged, and reported as {@code atoll_metrics_source_up 0}, so a
 * scrape during a failover still gets the figures that are there.
 */
final class MetricsRoute {
  static final List<String> ENDPOINTS = List.of("GET /metrics");
  static final ContentType PROMETHEUS_TEXT = ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

  private final List<MetricsSource> builtIn;
  private final MetricsRegistry registry;

  /** @param builtIn written first, then every source of the registry as it is at each scrape */
  MetricsRoute(List<MetricsSource> builtIn, MetricsRegistry registry) {
    this.builtIn = List.copyOf(builtIn);
    this.registry = registry;
  }

  Route route() {
    return path("metrics", () -> get(() -> completeWithFuture(scrape())));
  }

  private record Collected(MetricsSource source, Consumer<MetricsWriter> write, Throwable failure) {}

  CompletionStage<HttpResponse> scrape() {
    List<MetricsSource> sources = new ArrayList<>(builtIn);
    sources.addAll(registry.sources());
    List<CompletableFuture<Collected>> collecting = new ArrayList<>();
    for (MetricsSource source : sources) {
      CompletionStage<Consumer<MetricsWriter>> stage;
      try {
        stage = source.collect();
      } catch (RuntimeException e) {
        stage = CompletableFuture.failedFuture(e);
      }
      collecting.add(stage.handle((write, failure) -> new Collected(source, write, failure)).toCompletableFuture());
    }
    return CompletableFuture.allOf(collecting.toArray(CompletableFuture[]::new)).thenApply(done -> {
      MetricsWriter writer = new MetricsWriter();
      List<Collected> all = collecting.stream().map(c -> c.getNow(null)).toList(); // all complete here
      for (Collected c : all) {
        if (c.failure() == null) {
          c.write().accept(writer);
        } else {
          log.warn("metrics source {} left out of this scrape: {}", c.source().name(),
              JsonErrors.unwrap(c.failure()).getMessage());
        }
      }
      MetricsWriter.Family up = writer.gauges("atoll_metrics_source_up",
          "1 when the source's figures are in this scrape, 0 when it failed or did not answer in time");
      all.forEach(c -> up.sample(c.failure() == null ? 1 : 0, "source", c.source().name()));
      return HttpResponse.create().withEntity(PROMETHEUS_TEXT, writer.text().getBytes(StandardCharsets.UTF_8));
    });
  }
}
