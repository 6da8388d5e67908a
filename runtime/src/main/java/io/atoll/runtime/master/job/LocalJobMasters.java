package io.atoll.runtime.master.job;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.Props;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.StashBuffer;
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
 * Messages that reach the host while its JobMaster stops are kept and start a new JobMaster
 * ({@link Host}); only a message sent through a host's ref in the instant after that host found
 * nothing kept and left reaches dead letters (the coordinator's probes, the only ones to talk to
 * an ended job's JobMaster in a local run, ask again).
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
  /** Messages kept for a job while its JobMaster passivates; more are dropped, logged. */
  static final int STASH_CAPACITY = 1_000;

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
    return Behaviors.setup(context -> Behaviors.withStash(STASH_CAPACITY,
        stash -> new Host(jobId, make, context, stash).running()));
  }

  /**
   * Runs one job's JobMaster. When it passivates, the host stops it and keeps what arrives meanwhile
   * (as a shard buffers for an entity that passivates); once it has stopped, a kept message starts a
   * new JobMaster, which recovers the job from the journal, or, with none kept, the host stops and
   * leaves the job's entry.
   */
  private final class Host {
    private final long jobId;
    private final Factory make;
    private final ActorContext<JobMasterProtocol> context;
    private final StashBuffer<JobMasterProtocol> kept;
    private ActorRef<ClusterSharding.ShardCommand> passivate;
    private ActorRef<JobMasterProtocol> jobMaster;
    private int incarnation;

    Host(long jobId, Factory make, ActorContext<JobMasterProtocol> context, StashBuffer<JobMasterProtocol> kept) {
      this.jobId = jobId;
      this.make = make;
      this.context = context;
      this.kept = kept;
      startJobMaster();
    }

    private void startJobMaster() {
      incarnation++;
      passivate = context.spawn(passivator(), "passivate-" + incarnation);
      jobMaster = context.spawn(
          Behaviors.supervise(make.create(jobId, passivate))
              .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2)),
          "job-master-" + incarnation);
      context.watch(passivate);
      context.watch(jobMaster);
    }

    Behavior<JobMasterProtocol> running() {
      return Behaviors.receive(JobMasterProtocol.class)
          .onAnyMessage(message -> {
            jobMaster.tell(message);
            return Behaviors.same();
          })
          .onSignal(Terminated.class, gone -> {
            if (gone.getRef().equals(passivate)) { // the JobMaster asked to passivate
              context.stop(jobMaster);
              return stopping();
            }
            return stopped(); // the JobMaster stopped by itself
          })
          .onSignal(PostStop.class, stop -> left())
          .build();
    }

    private Behavior<JobMasterProtocol> stopping() {
      return Behaviors.receive(JobMasterProtocol.class)
          .onAnyMessage(message -> {
            if (kept.isFull()) {
              context.getLog().warn("job {}: {} messages arrived while its JobMaster passivated; {} is dropped",
                  jobId, STASH_CAPACITY, message.getClass().getSimpleName());
              context.getSystem().deadLetters().tell(message);
            } else {
              kept.stash(message);
            }
            return Behaviors.same();
          })
          .onSignal(Terminated.class, gone -> {
            if (!gone.getRef().equals(jobMaster)) {
              return Behaviors.same();
            }
            if (kept.isEmpty()) {
              return stopped();
            }
            startJobMaster(); // what came meanwhile goes to a new JobMaster, as sharding restarts the entity
            return kept.unstashAll(running());
          })
          .onSignal(PostStop.class, stop -> left())
          .build();
    }

    private Behavior<JobMasterProtocol> stopped() {
      left();
      return Behaviors.stopped();
    }

    /** The job's entry goes first, so the next message for the job starts a new host. */
    private Behavior<JobMasterProtocol> left() {
      hosts.remove(jobId, context.getSelf());
      return Behaviors.same();
    }
  }

  /** Stops itself when the JobMaster asks to passivate; its host watches it. */
  private static Behavior<ClusterSharding.ShardCommand> passivator() {
    return Behaviors.receive(ClusterSharding.ShardCommand.class)
        .onMessage(ClusterSharding.Passivate.class, passivate -> Behaviors.stopped())
        .build();
  }
}
