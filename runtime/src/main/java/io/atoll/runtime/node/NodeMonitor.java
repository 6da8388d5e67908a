package io.atoll.runtime.node;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import io.atoll.protocol.node.LeakDetectionReply;
import io.atoll.protocol.node.NodeInfo;
import io.atoll.protocol.node.NodeMonitorProtocol;
import io.atoll.protocol.node.NodeMonitorProtocol.GetNodeInfo;
import io.atoll.protocol.node.NodeMonitorProtocol.GetResources;
import io.atoll.protocol.node.NodeMonitorProtocol.ListLogFiles;
import io.atoll.protocol.node.NodeMonitorProtocol.ReadLogFile;
import io.atoll.protocol.node.NodeMonitorProtocol.SetLeakDetectionLevel;
import io.atoll.protocol.node.ResourceReport;
import io.atoll.runtime.event.EventCounters;
import io.atoll.runtime.event.Events;
import io.atoll.runtime.logging.LogFiles;
import io.atoll.runtime.logging.NodeLogs;
import io.atoll.runtime.resource.LeakDetectionLevel;
import io.atoll.runtime.resource.ResourceTracker;
import io.atoll.runtime.resource.ResourceTrackers;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Answers for its own node with the JVM's and the host's figures (memory, GC, CPU load, threads),
 * read from the platform MXBeans when asked, its event counters and how often it restarted to
 * rejoin; with its resource tracker's report (live entries, leaks, double releases, recent leaks
 * with their allocation site); switches the tracker's leak detection level at runtime; and hands
 * requests for the node's log files to its {@link NodeLogs} child on the blocking dispatcher. One runs
 * on every node, registered with the Receptionist under {@link #KEY}; the REST API's
 * {@code GET /system-monitoring-information}, {@code GET /leaks} and {@code POST /leak-detection}
 * find them all and ask each, so every node reports what only it can see. It keeps no state of its
 * own (the tracker is the node's, and outlives it): when its node goes, the Receptionist drops it
 * and the next listing leaves the node out.
 */
public final class NodeMonitor {
  public static final ServiceKey<NodeMonitorProtocol> KEY = ServiceKey.create(NodeMonitorProtocol.class, "node-monitor");
  public static final String NAME = "node-monitor";

  private NodeMonitor() {}

  /**
   * @param address this node's cluster address, @param roles its cluster roles
   * @param restarts how often the node's process restarted its ActorSystem to rejoin; kept outside
   *     the ActorSystem (by {@link AtollNode}) so it counts on across them
   */
  public static Behavior<NodeMonitorProtocol> create(String address, List<String> roles, LongSupplier restarts) {
    return Behaviors.setup(context -> monitor(context, address, roles, restarts,
        ResourceTrackers.get(context.getSystem()), NodeLogs.directory(context.getSystem().settings().config())));
  }

  /** As {@link #create(String, List, LongSupplier)}, answering for {@code tracker} instead of the node's own. */
  public static Behavior<NodeMonitorProtocol> create(String address, List<String> roles, LongSupplier restarts,
      ResourceTracker tracker) {
    return Behaviors.setup(context -> monitor(context, address, roles, restarts, tracker,
        NodeLogs.directory(context.getSystem().settings().config())));
  }

  /** As {@link #create(String, List, LongSupplier, ResourceTracker)}, serving the log files of {@code logDir}. */
  public static Behavior<NodeMonitorProtocol> create(String address, List<String> roles, LongSupplier restarts,
      ResourceTracker tracker, Optional<Path> logDir) {
    return Behaviors.setup(context -> monitor(context, address, roles, restarts, tracker, logDir));
  }

  private static Behavior<NodeMonitorProtocol> monitor(ActorContext<NodeMonitorProtocol> context, String address,
      List<String> roles, LongSupplier restarts, ResourceTracker tracker, Optional<Path> logDir) {
    EventCounters events = Events.get(context.getSystem()).counters();
    ActorRef<NodeLogs.Command> logFiles = context.spawn(NodeLogs.create(new LogFiles(address, logDir)), NodeLogs.NAME,
        DispatcherSelector.blocking());
    context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
    return Behaviors.receive(NodeMonitorProtocol.class)
        // file reads: on the blocking dispatcher, not here
        .onMessage(ListLogFiles.class, list -> {
          logFiles.tell(new NodeLogs.ListFiles(list));
          return Behaviors.same();
        })
        .onMessage(ReadLogFile.class, read -> {
          logFiles.tell(new NodeLogs.ReadFile(read));
          return Behaviors.same();
        })
        .onMessage(GetNodeInfo.class, get -> {
          get.replyTo().tell(read(address, roles, events.asMap(), restarts.getAsLong()));
          return Behaviors.same();
        })
        .onMessage(GetResources.class, get -> {
          get.replyTo().tell(report(address, tracker.report()));
          return Behaviors.same();
        })
        .onMessage(SetLeakDetectionLevel.class, set -> {
          set.replyTo().tell(setLevel(address, tracker, set.level()));
          return Behaviors.same();
        })
        .build();
  }

  /** The tracker's report as it goes over the wire, under this node's address. */
  static ResourceReport report(String address, ResourceTracker.Report r) {
    return new ResourceReport(address, r.level().configName(), r.liveByKind(), r.liveSizeByKind(), r.leaksByKind(),
        r.doubleReleasesByKind(), r.leaks().stream()
            .map(l -> new ResourceReport.Leak(l.kind(), l.owner(), l.description(), l.size(), l.ageMillis(),
                l.site(), l.outcome(), l.how(), l.detectedAt()))
            .toList());
  }

  /** Applies a level sent by an operator; one the node does not know changes nothing. */
  static LeakDetectionReply setLevel(String address, ResourceTracker tracker, String level) {
    LeakDetectionLevel parsed;
    try {
      parsed = LeakDetectionLevel.parse(level);
    } catch (IllegalArgumentException e) {
      return new LeakDetectionReply.LevelRefused(address, e.getMessage());
    }
    LeakDetectionLevel previous = tracker.level();
    tracker.setLevel(parsed);
    return new LeakDetectionReply.LevelSet(address, previous.configName(), parsed.configName());
  }

  /** This JVM's figures now; -1 for those the JVM does not offer. */
  static NodeInfo read(String address, List<String> roles, Map<String, Long> eventCounters, long restarts) {
    var memory = ManagementFactory.getMemoryMXBean();
    MemoryUsage heap = memory.getHeapMemoryUsage();
    MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
    long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getName().equals("Metaspace"))
        .mapToLong(p -> p.getUsage().getUsed())
        .findFirst().orElse(-1);
    long minorCount = 0;
    long minorMillis = 0;
    long majorCount = 0;
    long majorMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      long count = Math.max(0, gc.getCollectionCount());
      long millis = Math.max(0, gc.getCollectionTime());
      if (isMinor(gc.getName())) {
        minorCount += count;
        minorMillis += millis;
      } else {
        majorCount += count;
        majorMillis += millis;
      }
    }
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    long physicalTotal = -1;
    long physicalFree = -1;
    long swapTotal = -1;
    long swapFree = -1;
    double processLoad = -1;
    double systemLoad = -1;
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      physicalTotal = sun.getTotalMemorySize();
      physicalFree = sun.getFreeMemorySize();
      swapTotal = sun.getTotalSwapSpaceSize();
      swapFree = sun.getFreeSwapSpaceSize();
      processLoad = sun.getProcessCpuLoad();
      systemLoad = sun.getCpuLoad();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return new NodeInfo(
        address, roles, System.currentTimeMillis(), ManagementFactory.getRuntimeMXBean().getUptime(),
        os.getAvailableProcessors(), physicalTotal, physicalFree, swapTotal, swapFree,
        heap.getUsed(), heap.getCommitted(), heap.getMax(), nonHeap.getUsed(), nonHeap.getCommitted(), metaspace,
        minorCount, minorMillis, majorCount, majorMillis,
        processLoad, systemLoad, os.getSystemLoadAverage(), threads.getThreadCount(), threads.getPeakThreadCount(),
        eventCounters, restarts);
  }

  /** Young-generation collectors of HotSpot's GCs (G1, Parallel, Serial, CMS); the rest count as major. */
  static boolean isMinor(String collector) {
    String name = collector.toLowerCase(Locale.ROOT);
    return name.contains("young") || name.contains("scavenge") || name.equals("copy") || name.contains("parnew")
        || name.contains("minor");
  }
}
