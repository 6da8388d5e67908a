package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.concat;
import static akka.http.javadsl.server.Directives.handleExceptions;
import static akka.http.javadsl.server.Directives.handleRejections;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.server.Route;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.master.monitor.CoordinatorJobCounts;
import io.atoll.runtime.master.monitor.JobCountsSource;
import io.atoll.runtime.resource.ResourceTrackers;
import java.util.ArrayList;
import java.util.List;
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
 *   <li>{@code POST /submit-job[?jobId=&jobName=&format=]}: submit a job config (JSON or HOCON)
 *   <li>{@code GET /running-jobs}, {@code GET /job-info/{jobId}}, {@code GET /finished-jobs[/{state}]}
 *   <li>{@code POST /stop-job}: cancel a job
 *   <li>{@code POST /update-tags}: replace a worker's tags
 *   <li>{@code GET /system-monitoring-information}: every node's JVM and host figures
 *   <li>{@code GET /leaks[?node=]}: every node's tracked resources and recent leaks with their origin
 *   <li>{@code POST /leak-detection}: switch leak detection ({@code off | simple | paranoid}) at runtime
 *   <li>{@code GET /logs[/{jobId}|/{file}]}, {@code GET /log[/{file}]}, {@code GET /thread-dump}: log files
 *       (every node's, a job's, this node's) and this node's threads ({@link LogRoutes})
 *   <li>{@code GET /metrics}: Prometheus text; more sources through {@link MetricsRegistry}
 * </ul>
 *
 * <p>Requests ask the cluster singletons through the proxies given here and wait at most
 * {@code atoll.http.ask-timeout}; a singleton that does not answer in time (no active master yet,
 * failover in progress) gives 503, so a client knows to retry. With {@code atoll.http.auth-token}
 * set every request needs the bearer token; bodies are limited to {@code atoll.http.max-body-size}.
 */
public final class HttpApi {

  private HttpApi() {}

  /** Binds the API with job counts taken from the JobCoordinator. */
  public static CompletionStage<ServerBinding> start(
      ActorSystem<?> system,
      HttpSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> jobCoordinator,
      PluginRegistry plugins,
      BuildInfo buildInfo) {
    JobCountsSource counts = new CoordinatorJobCounts(jobCoordinator, settings.askTimeout(), system.scheduler());
    return start(system, settings, resourceManager, jobCoordinator, plugins, buildInfo, counts);
  }

  /**
   * Binds the API on {@code settings.host():settings.port()} (port 0 picks a free port; read it
   * from the binding). The binding is unbound by coordinated shutdown, giving requests in flight up
   * to one ask timeout to finish. Callers start it only when {@code settings.enabled()}.
   *
   * @param plugins validates submitted job configs: the plugins this master knows
   */
  public static CompletionStage<ServerBinding> start(
      ActorSystem<?> system,
      HttpSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> jobCoordinator,
      PluginRegistry plugins,
      BuildInfo buildInfo,
      JobCountsSource jobCounts) {
    if (!settings.enabled()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("atoll.http.enabled is off: the REST API must not be started"));
    }
    Route route = route(system, settings, resourceManager, jobCoordinator, plugins, buildInfo, jobCounts);
    return Http.get(system)
        .newServerAt(settings.host(), settings.port())
        .adaptSettings(s -> s.withParsingErrorHandler(JsonParsingErrorHandler.class.getName())
            // the routes check the limit with a JSON 413; akka-http's own (8m by default) must not be lower
            .withParserSettings(s.getParserSettings().withMaxContentLength(settings.maxBodySize())))
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
      HttpSettings settings,
      ActorRef<ResourceManagerProtocol> resourceManager,
      ActorRef<JobCoordinatorProtocol> jobCoordinator,
      PluginRegistry plugins,
      BuildInfo buildInfo,
      JobCountsSource jobCounts) {
    Asks asks = new Asks(system, settings.askTimeout());
    RequestBodies bodies = new RequestBodies(system, settings.maxBodySize());
    ClusterRoutes cluster = new ClusterRoutes(asks, bodies, resourceManager, buildInfo, jobCounts);
    JobRoutes jobs = new JobRoutes(asks, bodies, jobCoordinator, plugins);
    NodeRoutes nodes = new NodeRoutes(asks);
    LeakRoutes leaks = new LeakRoutes(asks, bodies);
    LogRoutes logs = new LogRoutes(asks);
    MetricsRoute metrics = new MetricsRoute(
        List.of(ClusterMetrics.resourceManager(asks, resourceManager), ClusterMetrics.jobs(asks, jobCoordinator),
            ClusterMetrics.nodeEvents(asks), ClusterMetrics.nodeRestarts(asks),
            ClusterMetrics.build(buildInfo), ResourceMetrics.node(ResourceTrackers.get(system))),
        MetricsRegistry.get(system));
    List<String> endpoints = new ArrayList<>(ClusterRoutes.ENDPOINTS);
    endpoints.addAll(JobRoutes.ENDPOINTS);
    endpoints.addAll(NodeRoutes.ENDPOINTS);
    endpoints.addAll(LeakRoutes.ENDPOINTS);
    endpoints.addAll(LogRoutes.ENDPOINTS);
    endpoints.addAll(MetricsRoute.ENDPOINTS);
    BearerAuth auth = new BearerAuth(settings.authToken());
    return handleExceptions(
        JsonErrors.exceptionHandler(),
        () -> handleRejections(JsonErrors.rejectionHandler(endpoints), () -> auth.require(
            () -> concat(cluster.route(), jobs.route(), nodes.route(), leaks.route(), logs.route(), metrics.route()))));
  }

  private static String hostPort(ServerBinding binding) {
    return binding.localAddress().getHostString() + ":" + binding.localAddress().getPort();
  }
}
