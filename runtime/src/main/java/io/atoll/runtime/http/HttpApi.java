package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.concat;
import static akka.http.javadsl.server.Directives.handleExceptions;
import static akka.http.javadsl.server.Directives.handleRejections;
import static akka.http.javadsl.server.Directives.pathPrefix;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.ConnectionContext;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.ServerBuilder;
import akka.http.javadsl.server.PathMatcher0;
import akka.http.javadsl.server.PathMatchers;
import akka.http.javadsl.server.Route;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.config.SettingsException;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.master.monitor.CoordinatorJobCounts;
import io.atoll.runtime.master.monitor.JobCountsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The REST API of a master node, compatible with SeaTunnel's REST API v2 where the endpoints
 * overlap. Every answer, errors included, is JSON; errors use SeaTunnel's
 * {@code {"status":"fail","message":"..."}}.
 *
 * <ul>
 *   <li>{@code GET /overview[?tag=value...]}: version, slots, workers and job counts (as strings,
 *       like SeaTunnel)
 *   <li>{@code GET /workers[?tag=value...]}: every live worker with its slots and resources
 *   <li>{@code POST /submit-job[?jobId=&jobName=&format=&isStartWithSavePoint=]}: submit a job config (JSON or HOCON)
 *   <li>{@code POST /submit-job/upload}: the same, as a multipart file upload (part {@code config_file})
 *   <li>{@code POST /submit-jobs}: submit several jobs, all checked before any is submitted
 *   <li>{@code GET /running-jobs}, {@code GET /job-info/{jobId}} (and SeaTunnel's deprecated
 *       {@code GET /running-job/{jobId}}), {@code GET /finished-jobs[/{state}]}
 *   <li>{@code POST /stop-job}, {@code POST /stop-jobs}: cancel one job, or several (all checked first), or
 *       stop them with a savepoint ({@code isStopWithSavePoint})
 *   <li>{@code POST /update-tags}: replace the tags of this node's worker (SeaTunnel's bare map) or
 *       of a named worker
 *   <li>{@code GET /system-monitoring-information}: every node's JVM and host figures
 *   <li>{@code GET /leaks[?node=]}: every node's tracked resources and recent leaks with their origin
 *   <li>{@code POST /leak-detection}: switch leak detection ({@code off | simple | paranoid}) at runtime
 *   <li>{@code GET /logs[/{jobId}|/{file}]}, {@code GET /log[/{file}]}, {@code GET /thread-dump}: log files
 *       (every node's, a job's, this node's) and this node's threads ({@link LogRoutes})
 *   <li>{@code GET /metrics}: Prometheus text, {@code GET /openmetrics}: OpenMetrics; more sources
 *       through {@link MetricsRegistry}
 *   <li>{@code POST /encrypt-config}: a job config with its sensitive options encoded (SeaTunnel's shade)
 * </ul>
 *
 * <p>Requests ask the cluster singletons through the proxies given here and wait at most
 * {@code atoll.http.ask-timeout}; a singleton that does not answer in time (no active master yet,
 * failover in progress) gives 503, so a client knows to retry. With {@code atoll.http.auth-token}
 * and/or {@code atoll.http.basic-auth} set every request needs one of those credentials
 * ({@link HttpAuth}); bodies are limited to {@code atoll.http.max-body-size}. With
 * {@code atoll.http.tls} the API speaks HTTPS only; with {@code atoll.http.context-path} every
 * endpoint is under that prefix.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

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
    try {
      settings.checkServable(); // a node checked this at start; here for an API started on its own
    } catch (SettingsException e) {
      return CompletableFuture.failedFuture(e);
    }
    Route route = route(system, settings, resourceManager, jobCoordinator, plugins, buildInfo, jobCounts);
    ServerBuilder server = Http.get(system).newServerAt(settings.host(), settings.port());
    if (settings.tls().enabled()) {
      SSLContext tls = settings.tls().sslContext();
      server = server.enableHttps(settings.tls().needClientAuth()
          ? ConnectionContext.httpsServer(() -> clientAuthenticating(tls))
          : ConnectionContext.httpsServer(tls));
    }
    return server
        .adaptSettings(s -> s.withParsingErrorHandler(JsonParsingErrorHandler.class.getName())
            // the routes check the limit with a JSON 413; akka-http's own (8m by default) must not be lower
            .withParserSettings(s.getParserSettings().withMaxContentLength(settings.maxBodySize())
                // akka-http would log a malformed Authorization header's value, credentials and all
                .withIgnoreIllegalHeaderFor(CollectionConverters.asScala(List.of("authorization")).toList())))
        .bind(route)
        .thenApply(
            binding -> {
              LOG.info("REST API listening on {}://{}{}{}{}", settings.scheme(), hostPort(binding),
                  settings.contextPath(), settings.tls().enabled() ? " with the key of " + settings.tls().source() : "",
                  authentication(settings));
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
    EncryptConfigRoute encrypt = new EncryptConfigRoute(bodies);
    List<MetricsSource> metricsSources = new ArrayList<>(List.of(ClusterMetrics.resourceManager(asks, resourceManager),
        ClusterMetrics.jobs(asks, jobCoordinator, system.name()), ClusterMetrics.nodeEvents(asks),
        ClusterMetrics.nodeRestarts(asks), ClusterMetrics.build(buildInfo)));
    metricsSources.addAll(NodeMetricsServer.nodeSources(system));
    MetricsRoute metrics = new MetricsRoute(metricsSources, MetricsRegistry.get(system));
    List<String> endpoints = new ArrayList<>(ClusterRoutes.ENDPOINTS);
    endpoints.addAll(JobRoutes.ENDPOINTS);
    endpoints.addAll(NodeRoutes.ENDPOINTS);
    endpoints.addAll(LeakRoutes.ENDPOINTS);
    endpoints.addAll(LogRoutes.ENDPOINTS);
    endpoints.addAll(MetricsRoute.ENDPOINTS);
    endpoints.addAll(EncryptConfigRoute.ENDPOINTS);
    HttpAuth auth = new HttpAuth(settings);
    String contextPath = settings.contextPath();
    return handleExceptions(
        JsonErrors.exceptionHandler(),
        () -> handleRejections(JsonErrors.rejectionHandler(underContextPath(endpoints, contextPath)),
            () -> auth.require(() -> underContextPath(contextPath,
                () -> concat(cluster.route(), jobs.route(), nodes.route(), leaks.route(), logs.route(),
                    metrics.route(), encrypt.route())))));
  }

  /**
   * A server engine that wants a client certificate its trust managers trust, or ends the
   * handshake. TLS 1.2 only: with TLS 1.3 a client sends its certificate and its first request in
   * one flight, and Akka 2.6's TLS stage now and then leaves that request unread (the exchange
   * stalls until the client times out; seen in about one test run in four).
   */
  private static SSLEngine clientAuthenticating(SSLContext tls) {
    SSLEngine engine = tls.createSSLEngine();
    engine.setUseClientMode(false);
    engine.setNeedClientAuth(true);
    engine.setEnabledProtocols(new String[] {"TLSv1.2"});
    return engine;
  }

  /** The routes under {@code atoll.http.context-path} ({@code /a/b}), or as they are without one. */
  private static Route underContextPath(String contextPath, Supplier<Route> routes) {
    if (contextPath.isEmpty()) {
      return routes.get();
    }
    String[] segments = contextPath.substring(1).split("/");
    PathMatcher0 prefix = PathMatchers.segment(segments[0]);
    for (int i = 1; i < segments.length; i++) {
      prefix = prefix.slash(segments[i]);
    }
    return pathPrefix(prefix, routes);
  }

  /** "GET /overview" as "GET /seatunnel/overview" under a context path, for the 404 answer. */
  private static List<String> underContextPath(List<String> endpoints, String contextPath) {
    return endpoints.stream().map(e -> e.replaceFirst(" /", " " + contextPath + "/")).collect(Collectors.toList());
  }

  private static String authentication(HttpSettings settings) {
    if (!settings.authToken().isEmpty() && settings.basicAuth().enabled()) {
      return " (bearer token or basic authentication)";
    }
    return !settings.authToken().isEmpty() ? " (bearer token)" : settings.basicAuth().enabled()
        ? " (basic authentication)" : " (no authentication)";
  }

  private static String hostPort(ServerBinding binding) {
    return binding.localAddress().getHostString() + ":" + binding.localAddress().getPort();
  }
}
