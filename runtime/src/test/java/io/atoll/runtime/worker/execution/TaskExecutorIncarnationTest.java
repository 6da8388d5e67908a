package io.atoll.runtime.worker.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.execution.TaskExecutorCommand;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.execution.TaskExecutorProtocol.TaskGroupsRunning;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.testing.TestConfigs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two ActorSystems over Artery in one JVM: a "master" holding a worker's TaskExecutor ref as it
 * travelled in a slot, and the "worker", whose TaskExecutor is stopped and spawned again under the
 * same name, as after a restart. A message to the dead incarnation's ref must never reach its
 * successor; only the ref the new one hands out does.
 */
class TaskExecutorIncarnationTest {
  private static final Config REMOTE = ConfigFactory.parseString(
          """
          akka.actor.provider = remote
          akka.remote.artery.canonical.hostname = 127.0.0.1
          akka.remote.artery.canonical.port = 0
          """)
      .withFallback(TestConfigs.base());
  private static final ActorTestKit master = ActorTestKit.create("master", REMOTE);
  private static final ActorTestKit worker = ActorTestKit.create("worker", REMOTE);
  private static final TestProbe<io.atoll.protocol.execution.JobMasterProtocol> JOB_MASTERS = worker.createTestProbe();

  @AfterAll
  static void shutdown() {
    master.shutdownTestKit();
    worker.shutdownTestKit();
  }

  private static ActorRef<TaskExecutorCommand> spawnExecutor() {
    return worker.spawn(
        TaskExecutor.create(PluginRegistry.of(List.of()), jobId -> JOB_MASTERS.ref(), Duration.ofHours(1)),
        TaskExecutor.NAME);
  }

  /** The ref as the master holds it: it came over the wire inside a slot of the worker's profile. */
  private static ActorRef<TaskExecutorProtocol> onMaster(ActorRef<TaskExecutorCommand> executor) {
    String wire = ActorRefResolver.get(worker.system()).toSerializationFormat(executor);
    SlotProfile slot = SlotProfile.free(worker.system().address().toString(), 1, 0, new ResourceProfile(1, 1))
        .assignTo(JobId.of(1)).withExecutor(ActorRefResolver.get(master.system()).resolveActorRef(wire));
    return TaskExecutor.of(master.system(), slot);
  }

  @Test
  void aRefOfAStoppedIncarnationNeverReachesItsSuccessor() {
    ActorRef<TaskExecutorCommand> first = spawnExecutor();
    ActorRef<TaskExecutorProtocol> firstOnMaster = onMaster(first);
    TestProbe<TaskGroupsRunning> replies = master.createTestProbe();
    firstOnMaster.tell(new TaskExecutorProtocol.QueryTaskGroups(1, replies.ref()));
    assertEquals(List.of(), replies.receiveMessage(Duration.ofSeconds(10)).running(), "the live incarnation answers");

    worker.stop(first);
    ActorRef<TaskExecutorCommand> second = spawnExecutor();
    assertEquals(first.path().name(), second.path().name(), "the same name, as after a worker restart");
    assertNotEquals(first.path().uid(), second.path().uid());

    firstOnMaster.tell(new TaskExecutorProtocol.QueryTaskGroups(1, replies.ref()));
    replies.expectNoMessage(Duration.ofMillis(500));

    ActorRef<TaskExecutorProtocol> secondOnMaster = onMaster(second);
    secondOnMaster.tell(new TaskExecutorProtocol.QueryTaskGroups(1, replies.ref()));
    assertEquals(List.of(), replies.receiveMessage(Duration.ofSeconds(10)).running(), "the new ref reaches the new one");

    // And why a path is unsafe: resolved without a uid, it reaches whichever incarnation lives there.
    ActorRef<TaskExecutorProtocol> byPath = TaskExecutor.on(master.system(), worker.system().address().toString());
    byPath.tell(new TaskExecutorProtocol.QueryTaskGroups(1, replies.ref()));
    replies.receiveMessage(Duration.ofSeconds(10));
    worker.stop(second);
  }

  @Test
  void aSlotWithoutAnExecutorRefFallsBackToThePath() {
    SlotProfile bare = SlotProfile.free("akka://atoll@10.0.0.1:25520", 1, 0, new ResourceProfile(1, 1));
    assertEquals("akka://atoll@10.0.0.1:25520/user/task-executor",
        TaskExecutor.of(master.system(), bare).path().toString());
    ActorRef<TaskExecutorProtocol> ref = master.spawn(Behaviors.ignore());
    assertEquals(ref, TaskExecutor.of(master.system(), bare.withExecutor(ref)));
  }
}
