package io.atoll.protocol.wire;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.RowType;
import io.atoll.protocol.event.EventBatch;
import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.ReaderProtocol;
import io.atoll.protocol.execution.SplitProtocol;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.execution.TaskGroupDescriptor;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.execution.TaskGroupKind;
import io.atoll.protocol.execution.TaskSnapshot;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.job.JobMode;
import io.atoll.protocol.job.OptionValue;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.protocol.node.LeakDetectionReply;
import io.atoll.protocol.node.LogFileChunk;
import io.atoll.protocol.node.LogFileList;
import io.atoll.protocol.node.NodeInfo;
import io.atoll.protocol.node.NodeMonitorProtocol;
import io.atoll.protocol.node.ResourceReport;
import io.atoll.protocol.resource.ClusterResources;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceCounters;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotCapacity;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.SlotReply;
import io.atoll.protocol.resource.SlotServiceProtocol;
import io.atoll.protocol.resource.TagsReply;
import io.atoll.protocol.resource.WorkerLost;
import io.atoll.protocol.resource.WorkerProfile;
import io.atoll.protocol.resource.WorkerStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The one place where classes get their Kryo ids. Ids are part of the wire and journal format:
 * never renumber or reuse one; give a new class the next free id of its block and leave removed ids
 * as gaps.
 *
 * <p>Blocks: 10-49 JDK classes, 50-59 Akka, 100-199 resource management (150-159 node monitoring), 200-299 data model,
 * connector SPI and job definitions, 300-399 job coordination and execution, 400-499 events,
 * 500-599 journal events and state records (registered by the persistence module through
 * {@link WireRegistrations}).
 */
public final class WireRegistry {

  private static final Map<Class<?>, Integer> IDS = buildIds();

  private WireRegistry() {}

  /** Every registered class and its id, in registration order. */
  public static Map<Class<?>, Integer> ids() {
    return IDS;
  }

  /**
   * A new Kryo with registration required and every wire class registered.
   *
   * @param resolver how actor refs are written and read; called lazily, at the first actor ref,
   *     because Akka builds serializers while the ActorSystem is still starting
   */
  public static Kryo newKryo(Supplier<ActorRefResolver> resolver) {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
    ActorRefSerializer actorRefs = new ActorRefSerializer(resolver);
    for (Map.Entry<Class<?>, Integer> e : IDS.entrySet()) {
      if (ActorRef.class.isAssignableFrom(e.getKey())) {
        kryo.register(e.getKey(), actorRefs, e.getValue());
      } else {
        kryo.register(e.getKey(), e.getValue());
      }
    }
    return kryo;
  }

  private static Map<Class<?>, Integer> buildIds() {
    Map<Class<?>, Integer> ids = new LinkedHashMap<>();
    // 10-49: JDK collections that messages may carry. The List.of / Map.of / Set.of families are
    // private JDK classes, reached through instances of each size class.
    put(ids, List.of().getClass(), 10); // ImmutableCollections.ListN
    put(ids, List.of(1).getClass(), 11); // ImmutableCollections.List12
    put(ids, Map.of().getClass(), 12); // ImmutableCollections.MapN
    put(ids, Map.of(1, 1).getClass(), 13); // ImmutableCollections.Map1
    put(ids, Set.of().getClass(), 14); // ImmutableCollections.SetN
    put(ids, Set.of(1).getClass(), 15); // ImmutableCollections.Set12
    put(ids, ArrayList.class, 16);
    put(ids, HashMap.class, 17);
    put(ids, LinkedHashMap.class, 18);
    put(ids, TreeMap.class, 19);
    put(ids, LinkedHashSet.class, 20);
    put(ids, Collections.emptyList().getClass(), 21);
    put(ids, Collections.emptyMap().getClass(), 22);
    // 50-59: Akka
    put(ids, ActorRefSerializer.actorRefClass(), 50);
    // 100-199: resource management
    put(ids, JobId.class, 100);
    put(ids, ResourceProfile.class, 101);
    put(ids, SlotProfile.class, 102);
    put(ids, WorkerProfile.class, 103);
    put(ids, WorkerStatus.class, 104);
    put(ids, ClusterResources.class, 105);
    put(ids, WorkerLost.class, 106);
    put(ids, SlotReply.SlotsAllocated.class, 110);
    put(ids, SlotReply.NotEnoughSlots.class, 111);
    put(ids, ResourceManagerProtocol.Heartbeat.class, 120);
    put(ids, ResourceManagerProtocol.RequestSlots.class, 121);
    put(ids, ResourceManagerProtocol.ReleaseSlots.class, 122);
    put(ids, ResourceManagerProtocol.GetClusterResources.class, 123);
    put(ids, ResourceManagerProtocol.SlotsAssigned.class, 124);
    put(ids, ResourceManagerProtocol.SlotsRefused.class, 125);
    put(ids, SlotServiceProtocol.AssignSlots.class, 140);
    put(ids, SlotServiceProtocol.FreeSlots.class, 141);
    put(ids, SlotServiceProtocol.GetStatus.class, 142);
    put(ids, SlotServiceProtocol.SlotServiceStatus.class, 143);
    put(ids, ResourceManagerProtocol.GetCounters.class, 126);
    put(ids, ResourceCounters.class, 127);
    put(ids, ResourceManagerProtocol.UpdateWorkerTags.class, 128);
    put(ids, TagsReply.TagsUpdated.class, 129);
    put(ids, TagsReply.TagsNotUpdated.class, 130);
    put(ids, SlotServiceProtocol.UpdateTags.class, 144);
    put(ids, ResourceManagerProtocol.GetSlotCapacity.class, 131);
    put(ids, SlotCapacity.class, 132);
    put(ids, NodeMonitorProtocol.GetNodeInfo.class, 150);
    put(ids, NodeInfo.class, 151);
    put(ids, NodeMonitorProtocol.GetResources.class, 152);
    put(ids, ResourceReport.class, 153);
    put(ids, ResourceReport.Leak.class, 154);
    put(ids, NodeMonitorProtocol.SetLeakDetectionLevel.class, 155);
    put(ids, LeakDetectionReply.LevelSet.class, 156);
    put(ids, LeakDetectionReply.LevelRefused.class, 157);
    // 180-189: node log files (the REST API's /logs and /log)
    put(ids, NodeMonitorProtocol.ListLogFiles.class, 180);
    put(ids, LogFileList.class, 181);
    put(ids, LogFileList.File.class, 182);
    put(ids, NodeMonitorProtocol.ReadLogFile.class, 183);
    put(ids, LogFileChunk.Text.class, 184);
    put(ids, LogFileChunk.Refused.class, 185);
    // 200-299: data model, connector SPI and job definitions
    put(ids, DataType.Basic.class, 200);
    put(ids, DataType.Decimal.class, 201);
    put(ids, DataType.Array.class, 202);
    put(ids, DataType.MapOf.class, 203);
    put(ids, RowType.class, 204);
    put(ids, RowType.Field.class, 205);
    put(ids, SourceSplit.class, 210);
    put(ids, PluginKind.class, 211);
    put(ids, JobMode.class, 220);
    put(ids, PluginDefinition.class, 221);
    put(ids, JobDefinition.class, 222);
    put(ids, OptionValue.Text.class, 243);
    put(ids, OptionValue.Numeric.class, 244);
    put(ids, OptionValue.Bool.class, 245);
    put(ids, OptionValue.Null.class, 246);
    put(ids, OptionValue.ListOf.class, 247);
    put(ids, OptionValue.ObjectOf.class, 248);
    put(ids, OptionValue.Member.class, 249);
    // 300-399: job coordination and execution
    put(ids, JobStatus.class, 300);
    put(ids, JobMetrics.class, 301);
    put(ids, JobSummary.class, 302);
    put(ids, JobCoordinatorProtocol.SubmitJob.class, 310);
    put(ids, JobCoordinatorProtocol.JobAccepted.class, 311);
    put(ids, JobCoordinatorProtocol.JobRejected.class, 312);
    put(ids, JobCoordinatorProtocol.ListJobs.class, 313);
    put(ids, JobCoordinatorProtocol.JobList.class, 314);
    put(ids, JobCoordinatorProtocol.GetJob.class, 315);
    put(ids, JobCoordinatorProtocol.JobLookup.class, 316);
    put(ids, JobCoordinatorProtocol.AwaitJob.class, 317);
    put(ids, JobCoordinatorProtocol.CancelJob.class, 318);
    put(ids, JobCoordinatorProtocol.CancelReply.class, 319);
    put(ids, JobCoordinatorProtocol.JobStatusChanged.class, 320);
    put(ids, JobCoordinatorProtocol.JobMetricsUpdated.class, 321);
    put(ids, JobCoordinatorProtocol.StopJobWithSavepoint.class, 322);
    put(ids, TaskGroupKind.class, 330);
    put(ids, TaskGroupId.class, 331);
    put(ids, TaskGroupDescriptor.class, 332);
    put(ids, SplitProtocol.RegisterReader.class, 333);
    put(ids, SplitProtocol.RequestSplit.class, 334);
    put(ids, ReaderProtocol.AssignSplits.class, 335);
    put(ids, ReaderProtocol.NoMoreSplits.class, 336);
    put(ids, TaskExecutorProtocol.DeployTaskGroup.class, 337);
    put(ids, TaskExecutorProtocol.CancelTaskGroup.class, 338);
    put(ids, TaskExecutorProtocol.QueryTaskGroups.class, 339);
    put(ids, TaskExecutorProtocol.TaskGroupsRunning.class, 347);
    put(ids, JobMasterProtocol.StartJob.class, 340);
    put(ids, JobMasterProtocol.CancelJob.class, 341);
    put(ids, JobMasterProtocol.TaskGroupStateChanged.class, 342);
    put(ids, JobMasterProtocol.TaskGroupMetrics.class, 343);
    put(ids, JobMasterProtocol.WorkerLostNotice.class, 344);
    put(ids, JobMasterProtocol.GetJobStatus.class, 345);
    put(ids, JobMasterProtocol.JobMasterStatus.class, 346);
    put(ids, TaskSnapshot.class, 348);
    put(ids, ReaderProtocol.CheckpointBarrier.class, 349);
    put(ids, SplitProtocol.ReaderDone.class, 350);
    put(ids, TaskExecutorProtocol.TriggerCheckpoint.class, 351);
    put(ids, TaskExecutorProtocol.NotifyCheckpointComplete.class, 352);
    put(ids, JobMasterProtocol.CheckpointAck.class, 353);
    put(ids, JobMasterProtocol.ReaderInputEnded.class, 354);
    put(ids, JobMasterProtocol.StopWithSavepoint.class, 355);
    put(ids, JobMasterProtocol.RestoreJob.class, 356);
    // 400-499: events (forwarded by every node to the master's EventProcessor)
    put(ids, EventType.class, 400);
    put(ids, JobEvent.class, 401);
    put(ids, EventBatch.class, 402);
    // other modules' blocks (500-599: persistence), through WireRegistrations providers
    for (WireRegistrations provider : java.util.ServiceLoader.load(WireRegistrations.class, WireRegistry.class.getClassLoader())) {
      provider.register((type, id) -> put(ids, type, id));
    }
    return Collections.unmodifiableMap(ids);
  }

  private static void put(Map<Class<?>, Integer> ids, Class<?> type, int id) {
    if (ids.containsValue(id)) {
      throw new IllegalStateException("Kryo id " + id + " is given twice (" + type.getName() + ")");
    }
    if (ids.put(type, id) != null) {
      throw new IllegalStateException(type.getName() + " is registered twice");
    }
  }
}
