package io.atoll.runtime.master.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.PostStop;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.runtime.testing.TestConfigs;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The JobMasters of a local run without sharding: started by the first message for their job,
 * restarted when they fail, gone when they passivate, started again by the next message.
 */
class LocalJobMastersTest {
  private static final ActorTestKit testKit = ActorTestKit.create("local-job-masters",
      com.typesafe.config.ConfigFactory.parseString("akka.actor.provider = local").withFallback(TestConfigs.base()));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** What a stand-in JobMaster saw: its start, every message, and the ref it passivates through. */
  private record Seen(long jobId, int start, JobMasterProtocol message, ActorRef<ClusterSharding.ShardCommand> passivate)
      implements akka.actor.NoSerializationVerificationNeeded {}

  private static final JobMasterProtocol FAIL = new JobMasterProtocol.CancelJob("fail");

  private static LocalJobMasters.Factory standIn(ActorRef<Seen> seen, AtomicInteger starts) {
    return (jobId, passivate) -> Behaviors.setup(context -> {
      int start = starts.incrementAndGet();
      seen.tell(new Seen(jobId, start, null, passivate));
      return Behaviors.receive(JobMasterProtocol.class)
          .onAnyMessage(message -> {
            if (FAIL.equals(message)) {
              throw new IllegalStateException("a JobMaster fails");
            }
            seen.tell(new Seen(jobId, start, message, passivate));
            return Behaviors.same();
          })
          .build();
    });
  }

  @Test
  void aJobsFirstMessageStartsItsJobMasterWhichGetsEveryMessageAndIsRestartedWhenItFails() {
    TestProbe<Seen> seen = testKit.createTestProbe();
    AtomicInteger starts = new AtomicInteger();
    LocalJobMasters masters = new LocalJobMasters(testKit.system());
    masters.start(standIn(seen.ref(), starts));

    RecipientRef<JobMasterProtocol> job = masters.forJob(7);
    assertSame(job, masters.forJob(7), "one JobMaster per job");
    job.tell(new JobMasterProtocol.CancelJob("first"));
    assertEquals(1, seen.receiveMessage().start());
    assertEquals(new JobMasterProtocol.CancelJob("first"), seen.receiveMessage().message());

    masters.forJob(7).tell(FAIL);
    Seen restarted = seen.receiveMessage(Duration.ofSeconds(5));
    assertEquals(2, restarted.start(), "restarted after its failure");
    masters.forJob(7).tell(new JobMasterProtocol.CancelJob("after"));
    assertEquals(new JobMasterProtocol.CancelJob("after"), seen.receiveMessage().message());
    assertEquals(1, masters.running());
  }

  @Test
  void aJobMasterThatPassivatesStopsAndTheNextMessageForItsJobStartsANewOne() {
    TestProbe<Seen> seen = testKit.createTestProbe();
    AtomicInteger starts = new AtomicInteger();
    LocalJobMasters masters = new LocalJobMasters(testKit.system());
    masters.start(standIn(seen.ref(), starts));
    ActorRef<JobMasterProtocol> first = (ActorRef<JobMasterProtocol>) masters.forJob(3);
    Seen started = seen.receiveMessage();
    assertEquals(3, started.jobId());

    TestProbe<Object> watcher = testKit.createTestProbe();
    started.passivate().tell(new ClusterSharding.Passivate<>(first));
    watcher.expectTerminated(first);
    watcher.awaitAssert(() -> {
      assertEquals(0, masters.running(), "the job's host is gone");
      return null;
    });

    RecipientRef<JobMasterProtocol> again = masters.forJob(3);
    assertNotSame(first, again);
    again.tell(new JobMasterProtocol.CancelJob("again"));
    assertEquals(2, seen.receiveMessage().start(), "a new JobMaster (it recovers the job from the journal)");
    assertEquals(new JobMasterProtocol.CancelJob("again"), seen.receiveMessage().message());
  }

  @Test
  void aMessageThatArrivesWhileTheJobMasterPassivatesStartsANewOneInsteadOfBeingLost() {
    TestProbe<Seen> seen = testKit.createTestProbe();
    AtomicInteger starts = new AtomicInteger();
    LocalJobMasters masters = new LocalJobMasters(testKit.system());
    JobMasterProtocol late = new JobMasterProtocol.CancelJob("sent while the first one stops");
    // the first JobMaster sends a message for its own job as it stops: the host is stopping it then
    masters.start((jobId, passivate) -> Behaviors.setup(context -> {
      int start = starts.incrementAndGet();
      seen.ref().tell(new Seen(jobId, start, null, passivate));
      return Behaviors.receive(JobMasterProtocol.class)
          .onAnyMessage(message -> {
            seen.ref().tell(new Seen(jobId, start, message, passivate));
            return Behaviors.same();
          })
          .onSignal(PostStop.class, stop -> {
            if (start == 1) {
              masters.forJob(jobId).tell(late);
            }
            return Behaviors.same();
          })
          .build();
    }));
    ActorRef<JobMasterProtocol> host = (ActorRef<JobMasterProtocol>) masters.forJob(5);
    Seen first = seen.receiveMessage();

    first.passivate().tell(new ClusterSharding.Passivate<>(host));

    Seen second = seen.receiveMessage(Duration.ofSeconds(5));
    assertEquals(2, second.start(), "a new JobMaster for what came while the first stopped");
    Seen delivered = seen.receiveMessage(Duration.ofSeconds(5));
    assertEquals(late, delivered.message());
    assertEquals(2, delivered.start());
    assertSame(host, masters.forJob(5), "the same host runs the new JobMaster");
    assertEquals(1, masters.running());
  }

  @Test
  void withoutAFactoryThereIsNoJobMaster() {
    LocalJobMasters masters = new LocalJobMasters(testKit.system());
    assertThrows(IllegalStateException.class, () -> masters.forJob(1));
    masters.start((jobId, passivate) -> Behaviors.empty());
    assertThrows(IllegalStateException.class, () -> masters.start((jobId, passivate) -> Behaviors.<JobMasterProtocol>empty()));
  }
}
