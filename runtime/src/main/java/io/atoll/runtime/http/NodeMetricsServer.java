package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.handleExceptions;
import static akka.http.javadsl.server.Directives.handleRejections;

import akka.actor.typed.ActorSystem;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.server.Route;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.config.MetricsServerSettings;
import io.atoll.runtime.resource.ResourceTrackers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A node's own metrics server ({@code atoll.metrics-server}): {@code GET /metrics} and
 * {@code GET /openmetrics} with the figures of this node alone ({@link #nodeSources}, the node's
 * {@link MetricsRegistry} and the JVM's), for workers, which do not run the REST API. Apart from the
 * REST API so that its settings and lifecycle stay its own; requests it does not serve get the REST
 * API's JSON errors, and the REST API's bearer token when one is set.
 */
public final class NodeMetricsServer {
  private NodeMetricsServer() {}

  /** The figures every node has of itself: written by this server and by a master's REST API. */
  static List<MetricsSource> nodeSources(ActorSystem<?> system) {
    return List.of(ResourceMetrics.node(ResourceTrackers.get(system)), SeaTunnelMetrics.cluster(system),
        SeaTunnelMetrics.threadPool(system), SeaTunnelMetrics.jvmMemoryAreas());
  }

  /**
   * Binds on {@code settings.host():settings.port()} (port 0 picks a free one: read it from the
   * binding); unbound by coordinated shutdown. Callers start it only when {@code settings.enabled()}.
   *
   * @param credentials the node's REST settings, whose credentials ({@code atoll.http.auth-token},
   *     {@code atoll.http.basic-auth}) requests must carry as on the REST API; none = no authentication
   */
  public static CompletionStage<ServerBinding> start(ActorSystem<?> system, MetricsServerSettings settings,
      HttpSettings credentials) {
    if (!settings.enabled()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "atoll.metrics-server.enabled is off: the metrics server must not be started"));
    }
    return Http.get(system)
        .newServerAt(settings.host(), settings.port())
        .adaptSettings(s -> s.withParsingErrorHandler(JsonParsingErrorHandler.class.getName()))
        .bind(route(system, credentials))
        .thenApply(binding -> {
          system.log().info("metrics server listening on http://{}:{}/metrics",
              binding.localAddress().getHostString(), binding.localAddress().getPort());
          return binding.addToCoordinatedShutdown(Duration.ofSeconds(1), system);
        });
  }

  static Route route(ActorSystem<?> system, HttpSettings credentials) {
    MetricsRoute metrics = new MetricsRoute(nodeSources(system), MetricsRegistry.get(system));
    HttpAuth auth = new HttpAuth(credentials);
    return handleExceptions(JsonErrors.exceptionHandler(),
        () -> handleRejections(JsonErrors.rejectionHandler(MetricsRoute.ENDPOINTS), () -> auth.require(metrics::route)));
  }
}
