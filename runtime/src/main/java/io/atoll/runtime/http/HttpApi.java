package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.handleExceptions;
import static akka.http.javadsl.server.Directives.handleRejections;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.server.Route;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.master.monitor.JobCountsSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The REST API of a master node, compatible with SeaTunnel's REST API v2 where the endpoints
 * overlap. Every answer, errors included, is JSON; errors use SeaTunnel's
 * {@code {"status":"fail","message":"..."}}.
 *
 * <ul>
 *   <li>{@code GET /overview[?tag=value...]}: version, slots, workers and job counts (as strings,
 *       like SeaTunnel)
 *   <li>{@code GET /workers[?tag=value...]}: every live worker with its slots and resources
 * </ul>
 *
 * <p>Requests ask the cluster singletons through the proxies given here and wait at most
 * {@code atoll.http.ask-timeout}; a singleton that does not answer in time (no active master yet,
 * failover in progress) gives 503, so a client knows to retry.
 */
public final class HttpApi {

  private HttpApi() {}

  /** Binds the API with job counts all zero (until the JobCoordinator provides them). */
  public static CompletionStage<ServerBinding> start(
      ActorSystem<?> system,
      HttpSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      BuildInfo buildInfo) {
    return start(system, settings, resourceManager, buildInfo, JobCountsSource.none());
  }

  /**
   * Binds the API on {@code settings.host():settings.port()} (port 0 picks a free port; read it
   * from the binding). The binding is unbound by coordinated shutdown, giving requests in flight up
   * to one ask timeout to finish. Callers start it only when {@code settings.enabled()}.
   */
  public static CompletionStage<ServerBinding> start(
      ActorSystem<?> system,
      HttpSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      BuildInfo buildInfo,
      JobCountsSource jobCounts) {
    if (!settings.enabled()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("atoll.http.enabled is off: the REST API must not be started"));
    }
    Route route = route(system, settings.askTimeout(), resourceManager, buildInfo, jobCounts);
    return Http.get(system)
        .newServerAt(settings.host(), settings.port())
        .adaptSettings(s -> s.withParsingErrorHandler(JsonParsingErrorHandler.class.getName()))
        .bind(route)
        .thenApply(
            binding -> {
              system.log().info("REST API listening on http://{}", hostPort(binding));
              return binding.addToCoordinatedShutdown(settings.askTimeout(), system);
            });
  }

  /**
   * The API's route with its JSON rejection and exception handling, for embedding in another
   * server. (Requests akka-http cannot parse are answered by the server settings that
   * {@link #start} applies, not by the route.)
   */
  public static Route route(
      ActorSystem<?> system,
      Duration askTimeout,
      ActorRef<ResourceManagerProtocol> resourceManager,
      BuildInfo buildInfo,
      JobCountsSource jobCounts) {
    ClusterRoutes cluster = new ClusterRoutes(system, askTimeout, resourceManager, buildInfo, jobCounts);
    return handleExceptions(
        JsonErrors.exceptionHandler(),
        () -> handleRejections(JsonErrors.rejectionHandler(ClusterRoutes.ENDPOINTS), cluster::route));
  }

  private static String hostPort(ServerBinding binding) {
    return binding.localAddress().getHostString() + ":" + binding.localAddress().getPort();
  }
}
