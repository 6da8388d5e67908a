package io.atoll.runtime.master.job;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.Props;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import io.atoll.protocol.execution.JobMasterProtocol;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JobMasters of a node without a cluster ({@code atoll run}): what Cluster Sharding does for a
 * cluster, in one process. The first message for a job starts a host actor for it (under the system
 * guardian, so its ref exists before this call returns), which runs the job's JobMaster as its child:
 * a JobMaster that fails is restarted with a backoff and recovers from the journal, as sharding's
 * remembered entities are; a JobMaster that passivates (its job ended) stops, and with it its host,
 * so a later message for that job starts a new one that recovers the ended job, as sharding does.
 * Messages that reach a host while it stops are lost; in a local run nothing talks to a JobMaster
 * whose job has ended but the coordinator's probes, which ask again.
 */
public final class LocalJobMasters implements JobMasters {
  /** The JobMaster of a job, given the ref it passivates through. */
  @FunctionalInterface
  public interface Factory {
    Behavior<JobMasterProtocol> create(long jobId, ActorRef<ClusterSharding.ShardCommand> passivate);
  }

  private final ActorSystem<?> system;
  private final AtomicReference<Factory> factory = new AtomicReference<>();
  private final ConcurrentMap<Long, ActorRef<JobMasterProtocol>> hosts = new ConcurrentHashMap<>();
  private final AtomicLong started = new AtomicLong();

  public LocalJobMasters(ActorSystem<?> system) {
    this.system = system;
  }

  /**
   * How JobMasters are made; set once, before the first message (the factory needs the refs of
   * actors that themselves need this object).
   */
  public void start(Factory jobMasters) {
    if (!factory.compareAndSet(null, jobMasters)) {
      throw new IllegalStateException("LocalJobMasters already started");
    }
  }

  @Override
  public RecipientRef<JobMasterProtocol> forJob(long jobId) {
    Factory make = factory.get();
    if (make == null) {
      throw new IllegalStateException("no JobMaster factory yet: start(...) first");
    }
    return hosts.computeIfAbsent(jobId, id -> system.systemActorOf(
        host(id, make), "job-master-" + id + "-" + started.incrementAndGet(), Props.empty()));
  }

  /** The jobs whose JobMaster runs now. */
  int running() {
    return hosts.size();
  }

  private Behavior<JobMasterProtocol> host(long jobId, Factory make) {
    return Behaviors.setup(context -> {
      ActorRef<ClusterSharding.ShardCommand> passivate = context.spawn(passivator(), "passivate");
      ActorRef<JobMasterProtocol> jobMaster = context.spawn(
          Behaviors.supervise(make.create(jobId, passivate))
              .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2)),
          "job-master");
      context.watch(passivate);
      context.watch(jobMaster);
      ActorRef<JobMasterProtocol> self = context.getSelf();
      return Behaviors.receive(JobMasterProtocol.class)
          .onAnyMessage(message -> {
            jobMaster.tell(message);
            return Behaviors.same();
          })
          // the JobMaster passivated (the passivator stopped) or stopped: the host goes with it
          .onSignal(Terminated.class, gone -> Behaviors.stopped())
          .onSignal(PostStop.class, stop -> {
            hosts.remove(jobId, self);
            return Behaviors.same();
          })
          .build();
    });
  }

  /** Stops itself when the JobMaster asks to passivate; its host watches it. */
  private static Behavior<ClusterSharding.ShardCommand> passivator() {
    return Behaviors.receive(ClusterSharding.ShardCommand.class)
        .onMessage(ClusterSharding.Passivate.class, passivate -> Behaviors.stopped())
        .build();
  }
}
