package io.atoll.runtime.http;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.resource.ClusterResources;
import io.atoll.protocol.resource.ResourceCounters;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The master's own {@link MetricsSource}s: the cluster's workers, slots and resource counters from
 * the ResourceManager, jobs by state and each job's rows and bytes from the JobCoordinator, and the
 * build. Counters kept by a singleton start again at zero after it moves to another master, which
 * Prometheus reads as a counter reset.
 */
final class ClusterMetrics {
  private ClusterMetrics() {}

  static MetricsSource resourceManager(Asks asks, ActorRef<ResourceManagerProtocol> resourceManager) {
    return MetricsSource.of("resource_manager", () -> {
      CompletionStage<ClusterResources> resources =
          asks.ask(resourceManager, ResourceManagerProtocol.GetClusterResources::new, "the resource manager");
      CompletionStage<ResourceCounters> counters =
          asks.ask(resourceManager, ResourceManagerProtocol.GetCounters::new, "the resource manager");
      return resources.thenCombine(counters, ClusterMetrics::cluster);
    });
  }

  /** Atoll's job figures and SeaTunnel's ({@link SeaTunnelMetrics#jobs}), from one answer. */
  static MetricsSource jobs(Asks asks, ActorRef<JobCoordinatorProtocol> coordinator, String cluster) {
    return MetricsSource.of("job_coordinator", () -> asks
        .<JobCoordinatorProtocol, JobCoordinatorProtocol.JobList>ask(
            coordinator, JobCoordinatorProtocol.ListJobs::new, "the job coordinator")
        .thenApply(list -> {
          long now = System.currentTimeMillis();
          return jobs(list.jobs()).andThen(w -> SeaTunnelMetrics.jobs(w, cluster, list.jobs(), now));
        }));
  }

  /** Every node's event counters, labelled by node; a node that does not answer is left out. */
  static MetricsSource nodeEvents(Asks asks) {
    return MetricsSource.of("node_events", () -> NodeMonitors.askAll(asks).thenApply(answers -> w -> {
      Map<String, MetricsWriter.Family> families = new LinkedHashMap<>();
      for (NodeMonitors.Answer answer : answers) {
        if (answer.info() == null) {
          continue;
        }
        answer.info().eventCounters().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(counter ->
            families.computeIfAbsent(counter.getKey(), name -> {
              String help = EVENT_HELP.getOrDefault(name, "Event figure '" + name + "' of each node");
              // in_* are levels (gauges); the rest are totals since the node started
              return name.startsWith("in_") ? w.gauges("atoll_events_" + name, help)
                  : w.counters("atoll_events_" + name + "_total", help);
            }).sample(counter.getValue(), "node", answer.address()));
      }
    }));
  }

  /**
   * How often each node restarted its ActorSystem to rejoin after the cluster removed it (downed by
   * the Split Brain Resolver); kept by the node's process, so it survives those restarts.
   */
  static MetricsSource nodeRestarts(Asks asks) {
    return MetricsSource.of("node_restarts", () -> NodeMonitors.askAll(asks).thenApply(answers -> w -> {
      MetricsWriter.Family restarts = w.counters("atoll_node_restarts_total",
          "Times a node started its ActorSystem again to rejoin the cluster after being downed");
      for (NodeMonitors.Answer answer : answers) {
        if (answer.info() != null) {
          restarts.sample(answer.info().restarts(), "node", answer.address());
        }
      }
    }));
  }

  private static final Map<String, String> EVENT_HELP = Map.of(
      "buffered", "Events a node accepted for delivery",
      "forwarded", "Events a node handed to reliable delivery",
      "shed", "Events a node could not keep: buffer and spill full, or a corrupt spill record (logged)",
      "spilled", "Events a node wrote to its spill file while its buffer was full",
      "in_spill", "Events waiting in a node's spill file",
      "delivered", "Events the EventProcessor on a node journalled and confirmed",
      "discarded", "Events confirmed without storing: no atoll.event-report-http.url",
      "posted", "Events posted to the endpoint and answered 2xx",
      "post_failures", "Event POSTs that failed or got a non-2xx answer (retried)");

  static MetricsSource build(BuildInfo build) {
    return MetricsSource.of("build", w -> w.gauges("atoll_build_info", "Version of the master serving this API")
        .sample(1, "version", build.projectVersion(), "commit", build.gitCommitAbbrev()));
  }

  private static Consumer<MetricsWriter> cluster(ClusterResources resources, ResourceCounters c) {
    return w -> {
      w.gauge("atoll_workers", "Live workers", resources.workers().size());
      w.gauge("atoll_slots", "Slots of the live workers (dynamic-slot workers count the slots they created)",
          resources.totalSlots());
      w.gauge("atoll_slots_free", "Unassigned slots of the live workers", resources.unassignedSlots());
      w.counter("atoll_heartbeats_total", "Worker heartbeats received by the resource manager", c.heartbeats());
      w.counter("atoll_heartbeats_stale_total",
          "Heartbeats that arrived late, with slot state older than already known", c.staleHeartbeats());
      w.counters("atoll_slot_requests_total", "Slot requests by outcome (all slots granted, or none)")
          .sample(c.slotRequestsGranted(), "outcome", "granted")
          .sample(c.slotRequestsRefused(), "outcome", "refused");
      w.counter("atoll_workers_lost_total", "Workers lost after silence or removal from the cluster",
          c.workersLost());
      w.counter("atoll_fenced_commands_total",
          "Commands workers refused: meant for an earlier incarnation, or a task command for a slot, job, "
              + "attempt or task group the worker does not hold", c.fencedCommands());
    };
  }

  private static Consumer<MetricsWriter> jobs(List<JobSummary> jobs) {
    Map<JobStatus, Long> byState = new EnumMap<>(JobStatus.class);
    for (JobStatus s : JobStatus.values()) {
      byState.put(s, 0L);
    }
    jobs.forEach(j -> byState.merge(j.status(), 1L, Long::sum));
    List<JobSummary> sorted = jobs.stream().sorted(Comparator.comparingLong(JobSummary::jobId)).toList();
    return w -> {
      MetricsWriter.Family states = w.gauges("atoll_jobs", "Jobs known to the coordinator (ended ones until they "
          + "expire from the history), by state");
      byState.forEach((state, n) -> states.sample(n, "state", state.name()));
      perJob(w, sorted, "atoll_job_rows_read_total", "Rows read by a job's sources", JobMetrics::rowsRead);
      perJob(w, sorted, "atoll_job_bytes_read_total", "Bytes read by a job's sources", JobMetrics::bytesRead);
      perJob(w, sorted, "atoll_job_rows_written_total", "Rows written by a job's sinks", JobMetrics::rowsWritten);
      perJob(w, sorted, "atoll_job_bytes_written_total", "Bytes written by a job's sinks", JobMetrics::bytesWritten);
    };
  }

  private static void perJob(MetricsWriter w, List<JobSummary> jobs, String name, String help,
      ToLongFunction<JobMetrics> value) {
    MetricsWriter.Family family = w.counters(name, help);
    jobs.forEach(j -> family.sample(value.applyAsLong(j.metrics()),
        "job_id", Long.toString(j.jobId()), "job_name", j.jobName()));
  }
}
