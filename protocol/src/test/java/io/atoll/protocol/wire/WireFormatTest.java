package io.atoll.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import akka.actor.typed.javadsl.Adapter;
import com.esotericsoftware.kryo.KryoException;
import io.atoll.protocol.WireMessage;
import io.atoll.protocol.execution.JobMasterProtocol;
import io.atoll.protocol.execution.ReaderProtocol;
import io.atoll.protocol.execution.SplitProtocol;
import io.atoll.protocol.execution.TaskExecutorProtocol;
import io.atoll.protocol.execution.TaskGroupDescriptor;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.protocol.execution.TaskGroupKind;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.resource.ClusterResources;
import io.atoll.protocol.resource.JobId;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.ResourceProfile;
import io.atoll.protocol.resource.SlotProfile;
import io.atoll.protocol.resource.SlotReply;
import io.atoll.protocol.resource.SlotServiceProtocol;
import io.atoll.protocol.resource.WorkerLost;
import io.atoll.protocol.resource.WorkerProfile;
import io.atoll.protocol.resource.WorkerStatus;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every wire type of the protocol module: each must be registered with Kryo and must survive a
 * round trip through the serializer Akka binds to {@link WireMessage}.
 */
class WireFormatTest {
  private static final ActorTestKit testKit = ActorTestKit.create(
          "wire-format-test",
          com.typesafe.config.ConfigFactory.parseString(
              "akka.actor.allow-java-serialization = off\n"
                  + "akka.actor.serialize-messages = on\n"));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** One sample of every wire type, keyed by its class. A new message without a sample fails below. */
  private static final io.atoll.protocol.execution.TaskSnapshot SNAPSHOT = new io.atoll.protocol.execution.TaskSnapshot(
      List.of(new io.atoll.protocol.connector.SourceSplit("s", Map.of("start", "5"))),
      List.of(List.of("1\ttmp\tfinal"), List.of()), true, new io.atoll.protocol.job.JobMetrics(40, 400, 40, 400));

  private static final io.atoll.protocol.node.ResourceReport.Leak LEAK =
      new io.atoll.protocol.node.ResourceReport.Leak("file", "job 7 pipeline 1 task group 2 attempt 0",
            "/data/out.csv", 0, 250, List.of("com.example.LeakySink.open(LeakySink.java:42)"),
            "released by the runtime", "job FINISHED", 1_700_000_000_000L);

  private static List<Object> samples() {
    TestProbe<Object> probe = testKit.createTestProbe();
    @SuppressWarnings("unchecked")
    ActorRef<SlotServiceProtocol> slotService = (ActorRef<SlotServiceProtocol>) (ActorRef<?>) probe.ref();
    @SuppressWarnings("unchecked")
    ActorRef<ResourceManagerProtocol> rm = (ActorRef<ResourceManagerProtocol>) (ActorRef<?>) probe.ref();
    @SuppressWarnings("unchecked")
    ActorRef<SlotReply> slotReplies = (ActorRef<SlotReply>) (ActorRef<?>) probe.ref();
    @SuppressWarnings("unchecked")
    ActorRef<ClusterResources> resourcesReplies = (ActorRef<ClusterResources>) (ActorRef<?>) probe.ref();
    @SuppressWarnings("unchecked")
    ActorRef<SlotServiceProtocol.SlotServiceStatus> statusReplies =
        (ActorRef<SlotServiceProtocol.SlotServiceStatus>) (ActorRef<?>) probe.ref();

    String worker = "akka://atoll@127.0.0.1:25521";
    JobId job = JobId.of(42);
    ResourceProfile slotRes = new ResourceProfile(500, 64L << 20);
    SlotProfile free = SlotProfile.free(worker, 7L, 1, slotRes);
    SlotProfile owned = SlotProfile.free(worker, 7L, 0, slotRes).assignTo(job);
    // As a worker hands it out: with its TaskExecutor's ref, which must come back the same (uid included).
    SlotProfile withExecutor = owned.withExecutor(anyRef(probe));
    WorkerProfile profile =
        new WorkerProfile(
            worker, 7L, 3L, slotRes.times(2), slotRes, List.of(owned), List.of(free),
            Map.of("zone", "a", "disk", "ssd"), false);
    WorkerStatus status = new WorkerStatus(profile, 1_700_000_000_000L, 250L);
    return List.of(
        job,
        slotRes,
        free,
        owned,
        withExecutor,
        new WorkerProfile(worker, 7L, 4L, slotRes.times(2), slotRes, List.of(withExecutor),
            List.of(free.withExecutor(anyRef(probe))), Map.of(), false),
        profile,
        status,
        new ClusterResources(List.of(status)),
        new WorkerLost(job, worker, List.of(owned), "no heartbeat for 5s"),
        new SlotReply.SlotsAllocated(job, List.of(owned)),
        new SlotReply.NotEnoughSlots(job, 3, 1, Map.of("zone", "a"), "3 slots requested, 1 free"),
        new ResourceManagerProtocol.Heartbeat(profile, slotService),
        new ResourceManagerProtocol.RequestSlots(job, 2, Map.of(), slotReplies),
        new ResourceManagerProtocol.ReleaseSlots(job, List.of(owned)),
        new ResourceManagerProtocol.GetClusterResources(resourcesReplies),
        new ResourceManagerProtocol.SlotsAssigned(9L, worker, 7L, 4L, List.of(owned)),
        new ResourceManagerProtocol.SlotsRefused(9L, worker, "only 1 free slot"),
        new SlotServiceProtocol.AssignSlots(9L, 7L, job, 1, rm),
        new SlotServiceProtocol.FreeSlots(7L, job, List.of(0, 1)),
        new SlotServiceProtocol.GetStatus(statusReplies),
        new SlotServiceProtocol.SlotServiceStatus(profile, 2L),
        new ResourceManagerProtocol.Heartbeat(profile, slotService, 3L),
        new ResourceManagerProtocol.GetCounters(anyRef(probe)),
        new io.atoll.protocol.resource.ResourceCounters(120, 3, 9, 2, 1, 4),
        new ResourceManagerProtocol.GetSlotCapacity(anyRef(probe)),
        new io.atoll.protocol.resource.SlotCapacity(List.of(profile), true),
        new ResourceManagerProtocol.UpdateWorkerTags("10.0.0.1:25520", Map.of("zone", "gpu"), anyRef(probe)),
        new io.atoll.protocol.resource.TagsReply.TagsUpdated(profile),
        new io.atoll.protocol.resource.TagsReply.TagsNotUpdated(true, "no live worker at 10.0.0.9:25520"),
        new SlotServiceProtocol.UpdateTags(7L, Map.of("zone", "gpu"), statusReplies),
        new io.atoll.protocol.node.NodeMonitorProtocol.GetNodeInfo(anyRef(probe)),
        new io.atoll.protocol.node.NodeInfo("akka://atoll@10.0.0.1:25520", List.of("master", "worker"), 1_700_000_000_000L,
            60_000L, 8, 16L << 30, 1L << 30, 0, 0, 100L << 20, 500L << 20, 4L << 30, 60L << 20, 70L << 20, 50L << 20,
            6, 110, 2, 73, 0.25, 0.6, 2.07, 117, 118, Map.of("shed", 2L, "posted", 40L), 3),
        new io.atoll.protocol.node.NodeMonitorProtocol.GetResources(anyRef(probe)),
        new io.atoll.protocol.node.ResourceReport("akka://atoll@10.0.0.1:25520", "paranoid",
            Map.of("slot", 2, "file", 1), Map.of("slot", 0L, "file", 4096L), Map.of("file", 1L), Map.of(),
            List.of(LEAK, new io.atoll.protocol.node.ResourceReport.Leak("thread", "job 8", "poller", 0, 10,
                List.of(), "left as it is", "job CANCELED", 1_700_000_000_100L))),
        LEAK,
        new io.atoll.protocol.node.NodeMonitorProtocol.SetLeakDetectionLevel("paranoid", anyRef(probe)),
        new io.atoll.protocol.node.LeakDetectionReply.LevelSet("akka://atoll@10.0.0.1:25520", "simple", "paranoid"),
        new io.atoll.protocol.node.LeakDetectionReply.LevelRefused("akka://atoll@10.0.0.1:25520",
            "leak detection level 'loud' is not one of off | simple | paranoid"),
        new io.atoll.protocol.node.NodeMonitorProtocol.ListLogFiles(anyRef(probe)),
        new io.atoll.protocol.node.LogFileList("akka://atoll@10.0.0.1:25520", "/var/log/atoll",
            List.of(new io.atoll.protocol.node.LogFileList.File("job-42.log", 1234, 1_700_000_000_000L))),
        new io.atoll.protocol.node.LogFileList.File("atoll-worker.log", 0, 1_700_000_000_001L),
        new io.atoll.protocol.node.NodeMonitorProtocol.ReadLogFile("job-42.log", 65_536, 65_536, anyRef(probe)),
        new io.atoll.protocol.node.LogFileChunk.Text("akka://atoll@10.0.0.1:25520", "job-42.log", 0,
            "naïve ✓\n", 11, true),
        new io.atoll.protocol.node.LogFileChunk.Refused("akka://atoll@10.0.0.1:25520", "../x",
            "'../x' is not a file name of the log directory", false),
        io.atoll.protocol.data.DataType.Basic.BIGINT,
        new io.atoll.protocol.data.DataType.Decimal(10, 2),
        new io.atoll.protocol.data.DataType.Array(io.atoll.protocol.data.DataType.Basic.INT),
        new io.atoll.protocol.data.DataType.MapOf(
            io.atoll.protocol.data.DataType.Basic.STRING, io.atoll.protocol.data.DataType.Basic.DOUBLE),
        ROW_TYPE,
        ROW_TYPE.fields().get(0),
        new io.atoll.protocol.connector.SourceSplit("split-0", Map.of("rows", "100")),
        io.atoll.protocol.connector.PluginKind.SINK,
        io.atoll.protocol.job.JobMode.STREAMING,
        PLUGIN,
        new io.atoll.protocol.job.JobDefinition(
            "fake", io.atoll.protocol.job.JobMode.BATCH, 2, 10_000, 60_000, 3, 3, Map.of("zone", "a"), 0,
            Map.of("job.name", "fake"), List.of(PLUGIN), "examples/fake.conf"),
        JobStatus.RUNNING,
        METRICS,
        SUMMARY,
        new JobCoordinatorProtocol.SubmitJob(DEFINITION, 0, anyRef(probe)),
        new JobCoordinatorProtocol.JobAccepted(5),
        new JobCoordinatorProtocol.JobRejected("job id 5 exists"),
        new JobCoordinatorProtocol.ListJobs(anyRef(probe)),
        new JobCoordinatorProtocol.JobList(List.of(SUMMARY)),
        new JobCoordinatorProtocol.GetJob(5, anyRef(probe)),
        new JobCoordinatorProtocol.JobLookup(5, SUMMARY),
        new JobCoordinatorProtocol.AwaitJob(5, anyRef(probe)),
        new JobCoordinatorProtocol.CancelJob(5, anyRef(probe)),
        new JobCoordinatorProtocol.CancelReply(5, false, "job 5 already FINISHED"),
        new JobCoordinatorProtocol.JobStatusChanged(5, JobStatus.FAILED, "boom", METRICS),
        new JobCoordinatorProtocol.JobMetricsUpdated(5, METRICS),
        new JobCoordinatorProtocol.StopJobWithSavepoint(5, anyRef(probe)),
        new JobCoordinatorProtocol.SubmitJob(DEFINITION, 5, true, anyRef(probe)),
        TaskGroupKind.READER,
        TG,
        new TaskGroupDescriptor(TG, "fake", false, 2, PLUGIN, List.of(), List.of(PLUGIN), 100, owned, anyRef(probe), null),
        new SplitProtocol.RegisterReader(0, anyRef(probe)),
        new SplitProtocol.RequestSplit(1),
        new ReaderProtocol.AssignSplits(List.of(new io.atoll.protocol.connector.SourceSplit("s", Map.of()))),
        ReaderProtocol.NoMoreSplits.INSTANCE,
        new TaskExecutorProtocol.DeployTaskGroup(
            new TaskGroupDescriptor(TG, "fake", true, 1, PLUGIN, List.of(PLUGIN), List.of(PLUGIN), 0, owned, null, SNAPSHOT)),
        new TaskExecutorProtocol.DeployTaskGroup(
            new TaskGroupDescriptor(TG, "fake", false, 1, PLUGIN, List.of(), List.of(PLUGIN), 0, withExecutor,
                anyRef(probe), null)),
        new TaskExecutorProtocol.CancelTaskGroup(TG, "cancelled by user"),
        new TaskExecutorProtocol.QueryTaskGroups(5, anyRef(probe)),
        new TaskExecutorProtocol.TaskGroupsRunning(worker, List.of(TG)),
        new JobMasterProtocol.StartJob(5, DEFINITION, anyRef(probe)),
        new JobMasterProtocol.CancelJob("user"),
        new JobMasterProtocol.StopWithSavepoint(anyRef(probe)),
        new JobMasterProtocol.RestoreJob(5, DEFINITION, anyRef(probe)),
        JobStatus.SAVEPOINT_DONE,
        new JobMasterProtocol.TaskGroupStateChanged(TG, JobStatus.RUNNING, null, METRICS, anyRef(probe)),
        new JobMasterProtocol.TaskGroupMetrics(TG, METRICS),
        new JobMasterProtocol.WorkerLostNotice(new WorkerLost(job, worker, List.of(owned), "gone")),
        new JobMasterProtocol.GetJobStatus(anyRef(probe)),
        new JobMasterProtocol.JobMasterStatus(5, JobStatus.RUNNING),
        SNAPSHOT,
        new ReaderProtocol.CheckpointBarrier(7),
        new SplitProtocol.ReaderDone(1),
        new TaskExecutorProtocol.TriggerCheckpoint(TG, 7),
        new TaskExecutorProtocol.NotifyCheckpointComplete(TG, 7),
        new JobMasterProtocol.CheckpointAck(TG, 7, SNAPSHOT),
        new JobMasterProtocol.ReaderInputEnded(TG),
        io.atoll.protocol.event.EventType.CHECKPOINT_FAILED,
        EVENT,
        new io.atoll.protocol.event.EventBatch(List.of(EVENT,
            io.atoll.protocol.event.JobEvent.task(io.atoll.protocol.event.EventType.TASK_FAILED, TG, null)
                .stamped("n1-2", 1_700_000_000_001L))));
  }

  private static final io.atoll.protocol.event.JobEvent EVENT = io.atoll.protocol.event.JobEvent.checkpoint(
      io.atoll.protocol.event.EventType.CHECKPOINT_FAILED, 5, 1, 7L, "timed out").stamped("n1-1", 1_700_000_000_000L);

  @SuppressWarnings("unchecked")
  private static <T> ActorRef<T> anyRef(TestProbe<Object> probe) {
    return (ActorRef<T>) (ActorRef<?>) probe.ref();
  }

  private static final JobMetrics METRICS = new JobMetrics(10, 200, 9, 180);
  private static final TaskGroupId TG = new TaskGroupId(5, 1, 2, 1);

  private static final io.atoll.protocol.data.RowType ROW_TYPE =
      io.atoll.protocol.data.RowType.of(
          new io.atoll.protocol.data.RowType.Field("id", io.atoll.protocol.data.DataType.Basic.BIGINT),
          new io.atoll.protocol.data.RowType.Field(
              "nested",
              io.atoll.protocol.data.RowType.of(
                  new io.atoll.protocol.data.RowType.Field("name", io.atoll.protocol.data.DataType.Basic.STRING))));

  private static final io.atoll.protocol.job.PluginDefinition PLUGIN =
      new io.atoll.protocol.job.PluginDefinition(
          io.atoll.protocol.connector.PluginKind.SOURCE, "FakeSource", 0, options(), List.of(), "fake", 3,
          "examples/fake.conf");

  /** Every kind of option value, nested, with lines: the tree plugins receive on workers. */
  private static io.atoll.protocol.job.OptionValue.ObjectOf options() {
    io.atoll.protocol.job.OptionValue.ObjectOf fields = new io.atoll.protocol.job.OptionValue.ObjectOf(List.of(
        new io.atoll.protocol.job.OptionValue.Member("b", new io.atoll.protocol.job.OptionValue.Text("int", 6)),
        new io.atoll.protocol.job.OptionValue.Member("a", new io.atoll.protocol.job.OptionValue.Text("string", 7))),
        5);
    return new io.atoll.protocol.job.OptionValue.ObjectOf(List.of(
        new io.atoll.protocol.job.OptionValue.Member("row", new io.atoll.protocol.job.OptionValue.ObjectOf(List.of(
            new io.atoll.protocol.job.OptionValue.Member("num", new io.atoll.protocol.job.OptionValue.Numeric("5", 4))),
            4)),
        new io.atoll.protocol.job.OptionValue.Member("schema", new io.atoll.protocol.job.OptionValue.ObjectOf(
            List.of(new io.atoll.protocol.job.OptionValue.Member("fields", fields)), 5)),
        new io.atoll.protocol.job.OptionValue.Member("ratio", new io.atoll.protocol.job.OptionValue.Numeric("1.5", 8)),
        new io.atoll.protocol.job.OptionValue.Member("on", new io.atoll.protocol.job.OptionValue.Bool(true, 9)),
        new io.atoll.protocol.job.OptionValue.Member("none", new io.atoll.protocol.job.OptionValue.Null(10)),
        new io.atoll.protocol.job.OptionValue.Member("tags", new io.atoll.protocol.job.OptionValue.ListOf(List.of(
            new io.atoll.protocol.job.OptionValue.Text("x", 11), new io.atoll.protocol.job.OptionValue.Numeric("2", 11)),
            11))), 3);
  }

  private static final io.atoll.protocol.job.JobDefinition DEFINITION =
      new io.atoll.protocol.job.JobDefinition(
          "fake", io.atoll.protocol.job.JobMode.BATCH, 1, 0, 0, 3, 3, Map.of(), 0, Map.of(), List.of(PLUGIN), "api");

  private static final JobSummary SUMMARY =
      new JobSummary(5, "fake", JobStatus.RUNNING, 1_700_000_000_000L, 0, null, METRICS, DEFINITION);


  @Test
  void everySampleRoundTripsThroughTheBoundSerializer() throws Exception {
    Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
    for (Object sample : samples()) {
      Serializer serializer = serialization.findSerializerFor(sample);
      assertInstanceOf(WireMessage.class, sample);
      assertInstanceOf(KryoWireSerializer.class, serializer, sample.getClass() + " is not bound to Kryo");
      byte[] bytes = serializer.toBinary(sample);
      Object back = serializer.fromBinary(bytes, sample.getClass());
      assertEquals(sample, back, "round trip of " + sample.getClass().getName());
    }
  }

  @Test
  void aSlotKeepsItsExecutorRefWithTheIncarnationThroughTheWire() throws Exception {
    Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
    TestProbe<TaskExecutorProtocol> executor = testKit.createTestProbe();
    SlotProfile slot = SlotProfile.free("akka://atoll@127.0.0.1:25521", 7L, 0, new ResourceProfile(1, 1))
        .assignTo(JobId.of(3)).withExecutor(executor.ref());
    Serializer serializer = serialization.findSerializerFor(slot);
    SlotProfile back = (SlotProfile) serializer.fromBinary(serializer.toBinary(slot), SlotProfile.class);
    assertEquals(executor.ref(), back.executor());
    assertEquals(executor.ref().path().uid(), back.executor().path().uid(), "the ref names the same incarnation");
    back.executor().tell(new TaskExecutorProtocol.CancelTaskGroup(TG, "x"));
    executor.expectMessage(new TaskExecutorProtocol.CancelTaskGroup(TG, "x"));
    assertEquals("akka://atoll@127.0.0.1:25521#0(job 3)", back.toString(), "logs stay short: no ref in them");
  }

  @Test
  void everyWireTypeOfTheProtocolIsRegisteredAndHasASample() throws Exception {
    Set<Class<?>> sampled = new HashSet<>();
    for (Object s : samples()) {
      sampled.add(s.getClass());
    }
    List<String> missing = new ArrayList<>();
    for (Class<?> type : protocolClasses()) {
      boolean wire = WireMessage.class.isAssignableFrom(type) && !type.isInterface()
          && !java.lang.reflect.Modifier.isAbstract(type.getModifiers());
      if (!wire) {
        continue;
      }
      if (!WireRegistry.ids().containsKey(type)) {
        missing.add(type.getName() + " has no Kryo id in WireRegistry");
      }
      if (!sampled.contains(type)) {
        missing.add(type.getName() + " has no sample in WireFormatTest");
      }
    }
    assertTrue(missing.isEmpty(), String.join("\n", missing));
  }

  @Test
  void unregisteredClassesAreRefused() {
    KryoWireSerializer kryo = new KryoWireSerializer((akka.actor.ExtendedActorSystem) Adapter.toClassic(testKit.system()));
    record NotRegistered(int x) {}
    assertThrows(IllegalArgumentException.class, () -> kryo.toBinary(new NotRegistered(1)));
  }

  @Test
  void kryoIsSmallerThanJavaSerializationForAHeartbeat() throws IOException {
    // Guards the reason we use Kryo at all: a heartbeat must stay compact on the wire.
    Object heartbeat = samples().stream()
        .filter(s -> s instanceof ResourceManagerProtocol.Heartbeat).findFirst().orElseThrow();
    KryoWireSerializer kryo = new KryoWireSerializer((akka.actor.ExtendedActorSystem) Adapter.toClassic(testKit.system()));
    int kryoBytes = kryo.toBinary(((ResourceManagerProtocol.Heartbeat) heartbeat).profile()).length;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream oos = new java.io.ObjectOutputStream(out)) {
      oos.writeObject(((ResourceManagerProtocol.Heartbeat) heartbeat).profile());
    }
    assertTrue(kryoBytes * 3 < out.size(), "kryo " + kryoBytes + " bytes vs java " + out.size());
  }

  private static List<Class<?>> protocolClasses() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(WireMessage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.startsWith("io.atoll.protocol.") && !name.contains("$$")) {
          classes.add(Class.forName(name, false, WireMessage.class.getClassLoader()));
        }
      }
    }
    assertTrue(classes.size() > 10, "found only " + classes.size() + " classes under " + root);
    return classes;
  }
}
