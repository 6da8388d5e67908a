package io.atoll.persistence.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotProfile;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The slots a JobMaster persists carry their worker's TaskExecutor ref; after recovery it must still
 * name the same incarnation, or a recovered JobMaster would address its workers by path again.
 */
class SlotExecutorJournalTest {
  private static final ActorTestKit testKit = ActorTestKit.create("slot-executor-journal",
      ConfigFactory.parseString("akka.actor.allow-java-serialization = off"));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void assignedSlotsKeepTheirExecutorRefInTheJournal() throws Exception {
    TestProbe<TaskExecutorProtocol> executor = testKit.createTestProbe();
    SlotProfile slot = SlotProfile.free("akka://atoll@127.0.0.1:25521", 9L, 1, new ResourceProfile(1, 1))
        .assignTo(JobId.of(7)).withExecutor(executor.ref());
    JobMasterEvent.PipelineSlotsAssigned event = new JobMasterEvent.PipelineSlotsAssigned(1, 2, List.of(slot));
    Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
    Serializer serializer = serialization.findSerializerFor(event);

    JobMasterEvent.PipelineSlotsAssigned back = (JobMasterEvent.PipelineSlotsAssigned)
        serializer.fromBinary(serializer.toBinary(event), JobMasterEvent.PipelineSlotsAssigned.class);

    assertEquals(event, back);
    SlotProfile recovered = back.slots().get(0);
    assertEquals(executor.ref().path().uid(), recovered.executor().path().uid());
    recovered.executor().tell(new TaskExecutorProtocol.QueryTaskGroups(7,
        testKit.<TaskExecutorProtocol.TaskGroupsRunning>createTestProbe().ref()));
    assertEquals(7, executor.expectMessageClass(TaskExecutorProtocol.QueryTaskGroups.class).jobId(),
        "the recovered ref reaches the executor it was made for");
  }
}
