package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.completeWithFuture;
import static akka.http.javadsl.server.Directives.concat;
import static akka.http.javadsl.server.Directives.get;
import static akka.http.javadsl.server.Directives.path;

import akka.http.javadsl.model.ContentType;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.server.Route;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} (Prometheus text format 0.0.4) and {@code GET /openmetrics} (OpenMetrics 1.0):
 * every {@link MetricsSource}, the registry's Prometheus client metrics and the JVM's
 * {@code jvm_*}/{@code process_*}, written by the Prometheus client. Sources are asked at once; one
 * that fails is left out, logged, and reported as {@code atoll_metrics_source_up 0}, so a scrape
 * during a failover still gets the figures that are there.
 */
final class MetricsRoute {
  static final List<String> ENDPOINTS = List.of("GET /metrics", "GET /openmetrics");
  static final ContentType PROMETHEUS_TEXT = ContentTypes.parse(PrometheusTextFormatWriter.CONTENT_TYPE);
  static final ContentType OPENMETRICS_TEXT = ContentTypes.parse(OpenMetricsTextFormatWriter.CONTENT_TYPE);
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
  /** The JVM's figures, one registry per process: every ActorSystem in it sees the same JVM. */
  private static final PrometheusRegistry JVM = new PrometheusRegistry();

  static {
    JvmMetrics.builder().register(JVM);
  }

  private final List<MetricsSource> builtIn;
  private final MetricsRegistry registry;

  /** @param builtIn written first, then every source of the registry as it is at each scrape */
  MetricsRoute(List<MetricsSource> builtIn, MetricsRegistry registry) {
    this.builtIn = List.copyOf(builtIn);
    this.registry = registry;
  }

  Route route() {
    return concat(
        path("metrics", () -> get(() -> completeWithFuture(scrape(PrometheusTextFormatWriter.create(), PROMETHEUS_TEXT)))),
        path("openmetrics", () -> get(() -> completeWithFuture(
            scrape(OpenMetricsTextFormatWriter.create(), OPENMETRICS_TEXT)))));
  }

  private record Collected(MetricsSource source, Consumer<MetricsWriter> write, Throwable failure) {}

  CompletionStage<HttpResponse> scrape(ExpositionFormatWriter format, ContentType contentType) {
    return collect().thenApply(snapshots -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
      try {
        format.write(out, snapshots);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
      }
      return HttpResponse.create().withEntity(contentType, out.toByteArray());
    });
  }

  /** Every family of one scrape: the sources', then the registry's and the JVM's. */
  CompletionStage<MetricSnapshots> collect() {
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
      List<MetricSnapshot> families = new ArrayList<>(writer.snapshots());
      Set<String> names = new HashSet<>();
      families.forEach(f -> names.add(f.getMetadata().getPrometheusName()));
      for (PrometheusRegistry more : List.of(registry.prometheus(), JVM)) {
        for (MetricSnapshot family : more.scrape()) {
          if (!names.add(family.getMetadata().getPrometheusName())) {
            throw new IllegalStateException("metric " + family.getMetadata().getPrometheusName()
                + " is written twice; each family must come from one source");
          }
          families.add(family);
        }
      }
      return new MetricSnapshots(families);
    });
  }
}
