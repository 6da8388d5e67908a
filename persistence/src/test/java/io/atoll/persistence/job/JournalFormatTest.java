package io.atoll.persistence.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.WireMessage;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobMode;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.wire.KryoWireSerializer;
import io.atoll.protocol.wire.WireRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every journal event and state record is a registered wire type and survives a Kryo round trip. */
class JournalFormatTest {
  private static final ActorTestKit testKit = ActorTestKit.create("journal-format",
      ConfigFactory.parseString("akka.actor.allow-java-serialization = off"));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static final JobDefinition JOB = new JobDefinition("j", JobMode.BATCH, 1, 0, 0, 3, 3, Map.of(), 0, Map.of(),
      List.of(new PluginDefinition(PluginKind.SOURCE, "FakeSource", 0, io.atoll.protocol.job.OptionValue.ObjectOf.EMPTY, List.of(), "t", 1, "test")), "test");
  private static final SlotProfile SLOT = SlotProfile.free("w", 1, 0, new ResourceProfile(1, 1)).assignTo(JobId.of(7));
  private static final JobSummary SUMMARY = new JobSummary(7, "j", JobStatus.RUNNING, 1, 0, null, JobMetrics.ZERO, JOB);

  private static final PipelineCheckpoint CHECKPOINT = new PipelineCheckpoint(3,
      new io.atoll.protocol.execution.TaskSnapshot(
          List.of(new io.atoll.protocol.connector.SourceSplit("s-2", Map.of("start", "0"))), List.of(), false),
      Map.of(1, new io.atoll.protocol.execution.TaskSnapshot(
          List.of(new io.atoll.protocol.connector.SourceSplit("s-1", Map.of("start", "40"))),
          List.of(List.of("3\ta1-0.tmp\tT_7_1_0_3.txt")), false)));

  private static List<Object> samples() {
    JobMasterState state = JobMasterState.EMPTY
        .apply(new JobMasterEvent.JobStarted(7, JOB, 1, 1000))
        .apply(new JobMasterEvent.PipelineAttemptStarted(1, 1))
        .apply(new JobMasterEvent.PipelineSlotsAssigned(1, 1, List.of(SLOT)))
        .apply(new JobMasterEvent.CheckpointTriggered(1, 1, 3))
        .apply(new JobMasterEvent.CheckpointCompleted(1, 1, CHECKPOINT))
        .apply(new JobMasterEvent.TaskGroupSlotHeld(new io.atoll.protocol.execution.TaskGroupId(7, 1, 1, 0), SLOT));
    CoordinatorState coordinator = CoordinatorState.EMPTY.apply(new CoordinatorEvent.JobSubmitted(SUMMARY));
    return List.of(
        coordinator,
        new CoordinatorEvent.JobSubmitted(SUMMARY),
        new CoordinatorEvent.JobAdmitted(7),
        new CoordinatorEvent.JobStatusUpdated(7, JobStatus.FAILED, "boom", JobMetrics.ZERO, 5),
        new CoordinatorEvent.JobExpired(7),
        state,
        state.pipeline(1),
        new JobMasterEvent.JobStarted(7, JOB, 1, 1000),
        new JobMasterEvent.PipelineAttemptStarted(1, 2),
        new JobMasterEvent.PipelineSlotsAssigned(1, 2, List.of(SLOT)),
        new JobMasterEvent.TaskGroupStateRecorded(1, 2, 0, JobStatus.RUNNING),
        new JobMasterEvent.PipelineStatusChanged(1, JobStatus.FAILING, "x"),
        new JobMasterEvent.PipelineSlotsReleased(1),
        new JobMasterEvent.JobStatusRecorded(JobStatus.FINISHED, null, 9),
        new JobMasterEvent.PipelineRestartForgiven(1),
        new JobMasterEvent.CheckpointTriggered(1, 1, 3),
        new JobMasterEvent.CheckpointCompleted(1, 1, CHECKPOINT),
        CHECKPOINT,
        new JobMasterEvent.TaskGroupSlotHeld(new io.atoll.protocol.execution.TaskGroupId(7, 1, 1, 0), SLOT),
        new JobMasterEvent.HeldSlotReleased(new io.atoll.protocol.execution.TaskGroupId(7, 1, 1, 0)),
        new JobMasterEvent.JobRestored(JOB, 11),
        new CoordinatorEvent.JobRestoreSubmitted(SUMMARY),
        new JobMasterEvent.JobStatusRecorded(JobStatus.SAVEPOINT_DONE, null, 10),
        io.atoll.persistence.event.EventStoreState.EMPTY.apply(STORED),
        STORED,
        new io.atoll.persistence.event.EventStoreEvent.EventsReported(1),
        new io.atoll.persistence.event.EventStoreEvent.ProducerForgotten("events-n1"));
  }

  private static final io.atoll.persistence.event.EventStoreEvent.EventsStored STORED =
      new io.atoll.persistence.event.EventStoreEvent.EventsStored("events-n1", 3, List.of(
          io.atoll.protocol.event.JobEvent.job(io.atoll.protocol.event.EventType.JOB_FAILED, 7, "boom").stamped("n1-1", 5)));

  /** Job statuses are journalled by ordinal: savepoint states were added at the end, so older journals read the same. */
  @Test
  void jobStatusOrdinalsOfOlderJournalsAreKept() {
    assertEquals(List.of("CREATED", "PENDING", "SCHEDULED", "RUNNING", "FAILING", "FAILED", "CANCELING", "CANCELED",
            "FINISHED", "DOING_SAVEPOINT", "SAVEPOINT_DONE"),
        java.util.Arrays.stream(JobStatus.values()).map(Enum::name).toList());
  }

  @Test
  void aJobStoppedWithASavepointIsRestoredWithItsCheckpointAndItsAttemptsForgiven() {
    JobMasterState saved = JobMasterState.EMPTY
        .apply(new JobMasterEvent.JobStarted(7, JOB, 1, 1000))
        .apply(new JobMasterEvent.PipelineAttemptStarted(1, 1))
        .apply(new JobMasterEvent.PipelineAttemptStarted(1, 2))
        .apply(new JobMasterEvent.PipelineSlotsAssigned(1, 2, List.of(SLOT)))
        .apply(new JobMasterEvent.CheckpointTriggered(1, 2, 3))
        .apply(new JobMasterEvent.CheckpointCompleted(1, 2, CHECKPOINT))
        .apply(new JobMasterEvent.PipelineSlotsReleased(1))
        .apply(new JobMasterEvent.PipelineStatusChanged(1, JobStatus.CANCELED, null))
        .apply(new JobMasterEvent.JobStatusRecorded(JobStatus.SAVEPOINT_DONE, null, 2000));
    JobMasterState restored = saved.apply(new JobMasterEvent.JobRestored(JOB, 3000));
    assertEquals(JobStatus.PENDING, restored.status());
    assertEquals(3000, restored.startTime());
    assertEquals(0, restored.endTime());
    assertEquals(JobStatus.CREATED, restored.pipeline(1).status());
    assertEquals(CHECKPOINT, restored.pipeline(1).checkpoint());
    assertEquals(3, restored.pipeline(1).lastCheckpointId());
    assertEquals(2, restored.pipeline(1).attempt(), "task group ids of the next run never repeat the last run's");
    assertEquals(0, restored.apply(new JobMasterEvent.PipelineAttemptStarted(1, 3)).pipeline(1).retriesUsed());
  }

  @Test
  void everyJournalTypeRoundTripsThroughKryo() throws Exception {
    Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
    Set<Class<?>> sampled = new HashSet<>();
    for (Object sample : samples()) {
      sampled.add(sample.getClass());
      assertInstanceOf(WireMessage.class, sample);
      Serializer serializer = serialization.findSerializerFor(sample);
      assertInstanceOf(KryoWireSerializer.class, serializer);
      assertEquals(sample, serializer.fromBinary(serializer.toBinary(sample), sample.getClass()));
    }
    for (Map.Entry<Class<?>, Integer> e : WireRegistry.ids().entrySet()) {
      if (e.getValue() >= 500 && e.getValue() < 600) {
        assertTrue(sampled.contains(e.getKey()), e.getKey() + " (id " + e.getValue() + ") has no sample here");
      }
    }
  }
}
