package io.atoll.runtime.http;

import akka.actor.Address;
import akka.actor.ExtendedActorSystem;
import akka.actor.typed.ActorSystem;
import akka.cluster.ClusterActorRefProvider;
import akka.cluster.ClusterEvent.CurrentClusterState;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.runtime.config.Role;
import io.atoll.runtime.worker.execution.TaskDispatcherStats;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The series SeaTunnel 2.3.x's engine exports (its telemetry docs: {@code job_count},
 * {@code job_thread_pool_*}, {@code node_count}, {@code node_state}, {@code cluster_info}, the
 * simpleclient's {@code jvm_memory_bytes_*}), with SeaTunnel's names, types and labels, each
 * labelled {@code cluster} with the ActorSystem's name as SeaTunnel labels its Hazelcast cluster
 * name; and each job's SeaTunnel read/write figures as {@code job_<SeaTunnel metric name>}. What
 * Atoll has no counterpart for ({@code cluster_time}, {@code hazelcast_*}) is not written.
 */
final class SeaTunnelMetrics {
  /** SeaTunnel's {@code job_count} types; Atoll's PENDING has none (SeaTunnel does not count it either). */
  static final Map<JobStatus, String> JOB_COUNT_TYPES = jobCountTypes();

  private SeaTunnelMetrics() {}

  private static Map<JobStatus, String> jobCountTypes() {
    Map<JobStatus, String> types = new EnumMap<>(JobStatus.class);
    types.put(JobStatus.CANCELED, "canceled");
    types.put(JobStatus.CANCELING, "cancelling");
    types.put(JobStatus.CREATED, "created");
    types.put(JobStatus.FAILED, "failed");
    types.put(JobStatus.FAILING, "failing");
    types.put(JobStatus.FINISHED, "finished");
    types.put(JobStatus.RUNNING, "running");
    types.put(JobStatus.SCHEDULED, "scheduled");
    return types;
  }

  /**
   * {@code job_count{type}} over the jobs the coordinator knows (ended ones until they expire from
   * its history, as SeaTunnel's history), and every job's SeaTunnel figures: counts and bytes as
   * {@code /job-info} gives them, rates averaged over the job's run time so far (as {@code /job-info}).
   */
  static void jobs(MetricsWriter w, String cluster, List<JobSummary> jobs, long now) {
    Map<JobStatus, Long> byType = new EnumMap<>(JobStatus.class);
    JOB_COUNT_TYPES.keySet().forEach(s -> byType.put(s, 0L));
    jobs.stream().filter(j -> JOB_COUNT_TYPES.containsKey(j.status())).forEach(j -> byType.merge(j.status(), 1L, Long::sum));
    MetricsWriter.Family count = w.gauges("job_count", "All job counts of seatunnel cluster");
    byType.forEach((status, n) -> count.sample(n, "cluster", cluster, "type", JOB_COUNT_TYPES.get(status)));
    perJob(w, cluster, jobs, now, "SourceReceivedCount", "Rows read by the job's sources", (m, s) -> m.rowsRead());
    perJob(w, cluster, jobs, now, "SourceReceivedQPS", "Rows read per second, averaged over the job's run time",
        (m, s) -> m.rowsRead() / s);
    perJob(w, cluster, jobs, now, "SourceReceivedBytes", "Bytes read by the job's sources", (m, s) -> m.bytesRead());
    perJob(w, cluster, jobs, now, "SourceReceivedBytesPerSeconds",
        "Bytes read per second, averaged over the job's run time", (m, s) -> m.bytesRead() / s);
    perJob(w, cluster, jobs, now, "SinkWriteCount", "Rows written by the job's sinks", (m, s) -> m.rowsWritten());
    perJob(w, cluster, jobs, now, "SinkWriteQPS", "Rows written per second, averaged over the job's run time",
        (m, s) -> m.rowsWritten() / s);
    perJob(w, cluster, jobs, now, "SinkWriteBytes", "Bytes written by the job's sinks", (m, s) -> m.bytesWritten());
    perJob(w, cluster, jobs, now, "SinkWriteBytesPerSeconds",
        "Bytes written per second, averaged over the job's run time", (m, s) -> m.bytesWritten() / s);
  }

  private interface Figure {
    double of(JobMetrics metrics, double seconds);
  }

  private static void perJob(MetricsWriter w, String cluster, List<JobSummary> jobs, long now, String seaTunnelName,
      String help, Figure figure) {
    MetricsWriter.Family family = w.gauges("job_" + seaTunnelName, help + " (SeaTunnel's " + seaTunnelName + ")");
    for (JobSummary j : jobs) {
      long end = j.finishTime() > 0 ? j.finishTime() : now;
      double seconds = Math.max(1, end - j.createTime()) / 1000.0;
      family.sample(figure.of(j.metrics(), seconds), "cluster", cluster, "job_id", Long.toString(j.jobId()),
          "job_name", j.jobName());
    }
  }

  /**
   * {@code node_count}, {@code node_state} and {@code cluster_info} as this node sees the cluster:
   * every member, 1 when up and reachable, else 0; the master is the oldest up master, where the
   * cluster singletons run. A node without a cluster (a local run) is a cluster of itself.
   */
  static MetricsSource cluster(ActorSystem<?> system) {
    return MetricsSource.of("cluster", w -> {
      String cluster = system.name();
      if (!clustered(system)) {
        String self = address(system.address());
        w.gauges("node_count", "Cluster node total count").sample(1, "cluster", cluster);
        w.gauges("node_state", "Whether is up of seatunnel node").sample(1, "cluster", cluster, "address", self);
        w.gauges("cluster_info", "Cluster info").sample(1, "cluster", cluster, "master", self);
        return;
      }
      CurrentClusterState state = Cluster.get(system).state();
      List<Member> members = new ArrayList<>();
      state.getMembers().forEach(members::add);
      Set<Member> unreachable = state.getUnreachable();
      w.gauges("node_count", "Cluster node total count").sample(members.size(), "cluster", cluster);
      MetricsWriter.Family nodeState = w.gauges("node_state", "Whether is up of seatunnel node");
      Map<String, Double> byAddress = new LinkedHashMap<>();
      for (Member m : members) {
        boolean up = (m.status() == MemberStatus.up() || m.status() == MemberStatus.weaklyUp()) && !unreachable.contains(m);
        byAddress.merge(address(m.address()), up ? 1.0 : 0.0, Math::max);
      }
      byAddress.forEach((address, up) -> nodeState.sample(up, "cluster", cluster, "address", address));
      members.stream()
          .filter(m -> m.hasRole(Role.MASTER_ROLE) && m.status() == MemberStatus.up())
          .reduce((a, b) -> a.isOlderThan(b) ? a : b)
          .ifPresent(master -> w.gauges("cluster_info", "Cluster info")
              .sample(1, "cluster", cluster, "master", address(master.address())));
    });
  }

  /**
   * {@code job_thread_pool_*}: this node's task dispatcher, one thread per task group, as one pool.
   * It keeps no idle threads and has no bound (core 0, maximum {@link Integer#MAX_VALUE}, as SeaTunnel
   * writes for its cached pool); rejections happen only while the node shuts down.
   */
  static MetricsSource threadPool(ActorSystem<?> system) {
    TaskDispatcherStats stats = TaskDispatcherStats.of(system.classicSystem().settings());
    String help = "%s in this node's task dispatcher (one thread per task group; SeaTunnel: its job executor pool)";
    return MetricsSource.of("job_thread_pool", w -> {
      TaskDispatcherStats.Snapshot s = stats.snapshot();
      String[] labels = {"cluster", system.name(), "address", address(system.address())};
      w.gauges("job_thread_pool_activeCount", help.formatted("Threads running a task group now")).sample(s.activeCount(), labels);
      w.gauges("job_thread_pool_corePoolSize", help.formatted("Threads kept when idle")).sample(0, labels);
      w.gauges("job_thread_pool_maximumPoolSize", help.formatted("Bound on its threads (none)")).sample(Integer.MAX_VALUE, labels);
      w.gauges("job_thread_pool_poolSize", help.formatted("Live threads")).sample(s.poolSize(), labels);
      w.gauges("job_thread_pool_queueTaskCount", help.formatted("Mailbox runs waiting for their thread"))
          .sample(s.queued(), labels);
      w.counters("job_thread_pool_completedTask_total", help.formatted("Mailbox runs completed"))
          .sample(s.completedTasks(), labels);
      w.counters("job_thread_pool_task_total", help.formatted("Mailbox runs submitted")).sample(s.tasks(), labels);
      w.counters("job_thread_pool_rejection_total", help.formatted("Mailbox runs rejected")).sample(s.rejections(), labels);
    });
  }

  /**
   * The simpleclient's heap and non-heap figures that SeaTunnel's Grafana dashboard reads
   * ({@code jvm_memory_bytes_used{area}}); the Prometheus client 1.x calls them
   * {@code jvm_memory_used_bytes} and writes those too.
   */
  static MetricsSource jvmMemoryAreas() {
    return MetricsSource.of("jvm_memory_areas", w -> {
      var memory = ManagementFactory.getMemoryMXBean();
      MemoryUsage heap = memory.getHeapMemoryUsage();
      MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
      area(w, "jvm_memory_bytes_used", "Used bytes of a given JVM memory area", heap, nonHeap, MemoryUsage::getUsed);
      area(w, "jvm_memory_bytes_committed", "Committed (bytes) of a given JVM memory area", heap, nonHeap,
          MemoryUsage::getCommitted);
      area(w, "jvm_memory_bytes_max", "Max (bytes) of a given JVM memory area", heap, nonHeap, MemoryUsage::getMax);
      area(w, "jvm_memory_bytes_init", "Initial bytes of a given JVM memory area", heap, nonHeap, MemoryUsage::getInit);
    });
  }

  private static void area(MetricsWriter w, String name, String help, MemoryUsage heap, MemoryUsage nonHeap,
      ToDoubleFunction<MemoryUsage> value) {
    w.gauges(name, help).sample(value.applyAsDouble(heap), "area", "heap")
        .sample(value.applyAsDouble(nonHeap), "area", "nonheap");
  }

  /** SeaTunnel's address label: {@code host:port}. */
  static String address(Address address) {
    if (address.host().isDefined() && address.port().isDefined()) {
      return address.host().get() + ":" + address.port().get();
    }
    return address.toString();
  }

  static boolean clustered(ActorSystem<?> system) {
    return ((ExtendedActorSystem) system.classicSystem()).provider() instanceof ClusterActorRefProvider;
  }
}
