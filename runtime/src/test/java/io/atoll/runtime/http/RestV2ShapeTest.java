package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.json;
import static io.atoll.runtime.http.HttpTesting.send;
import static io.atoll.runtime.http.JsonShape.assertSameShape;
import static io.atoll.runtime.http.JsonShape.sample;
import static io.atoll.runtime.http.TestingJobCoordinator.job;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Behaviors;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.protocol.resource.WorkerLost;
import io.atoll.runtime.config.ResourceManagerSettings;
import io.atoll.runtime.config.SlotServiceSettings;
import io.atoll.runtime.job.config.JobFileParser;
import io.atoll.runtime.master.monitor.JobCountsSource;
import io.atoll.runtime.master.resource.ResourceManager;
import io.atoll.runtime.node.NodeMonitor;
import io.atoll.runtime.worker.slot.SlotService;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every REST endpoint SeaTunnel's REST API v2 has, compared with a sample of SeaTunnel's shape
 * under {@code src/test/resources/rest-v2/} (field names and JSON types, recursively; see
 * {@link JsonShape}). The samples follow SeaTunnel 2.3.x's docs, and its handlers where the docs
 * disagree with them (metric names, {@code finishTime}, string edge ids). Fields Atoll adds are
 * named per test as extensions. {@code /workers} has no SeaTunnel counterpart: its sample is Atoll's.
 */
class RestV2ShapeTest {
  private static final ActorTestKit testKit = ActorTestKit.create("RestV2ShapeTest", HttpTesting.CONFIG);
  private static final long T0 = 1_714_557_600_000L;
  private static final TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
  private static ServerBinding api;
  /** With a real ResourceManager and a worker on this node, for /update-tags. */
  private static ServerBinding tagsApi;

  @BeforeAll
  static void start() throws Exception {
    JobDefinition definition = JobFileParser.parseString(JobRoutesTest.HOCON, "test", Map.of(), HttpTesting.PLUGINS);
    jobs.put(job(7, "orders", JobStatus.RUNNING, T0, 0, null, new JobMetrics(10, 160, 8, 128), definition));
    jobs.put(job(8, "broken", JobStatus.FAILED, T0, T0 + 61_000, "TestingSink fails", new JobMetrics(3, 48, 3, 48),
        definition));
    jobs.put(job(9, "done", JobStatus.FINISHED, T0, T0 + 5_000, null, new JobMetrics(5, 80, 5, 80), definition));
    for (long id = 20; id <= 22; id++) {
      jobs.put(job(id, "to-stop", JobStatus.RUNNING, T0, 0, null, JobMetrics.ZERO, definition));
    }
    testKit.spawn(NodeMonitor.create("akka://RestV2ShapeTest@127.0.0.1:25520", List.of("master", "worker"), () -> 0),
        NodeMonitor.NAME);
    api = HttpTesting.bind(testKit.system(), Duration.ofSeconds(3),
        testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)),
        testKit.spawn(TestingJobCoordinator.create(jobs)), JobCountsSource.none());

    TestProbe<WorkerLost> lost = testKit.createTestProbe();
    ActorRef<ResourceManagerProtocol> rm = testKit.spawn(ResourceManager.create(
        new ResourceManagerSettings(Duration.ofMinutes(1), Duration.ofSeconds(2)), lost.ref()::tell, false));
    String self = testKit.system().address().toString(); // the address a worker on this node registers under
    testKit.spawn(SlotService.create(new SlotServiceSettings(false, 2, Map.of("zone", "a"), Duration.ofSeconds(1), 2000,
        1L << 30), self, rm, testKit.spawn(Behaviors.ignore())));
    tagsApi = HttpTesting.bind(testKit.system(), Duration.ofSeconds(3), rm, JobCountsSource.none());
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(1, HttpTesting.unchecked(() -> json(send(tagsApi, "GET", "/workers"), 200)).size());
      return null;
    });
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static JsonNode get(String path) throws Exception {
    return json(send(api, "GET", path), 200);
  }

  @Test
  void overview() throws Exception {
    assertSameShape(sample("overview"), get("/overview"), Set.of("$.pendingJobs"));
  }

  @Test
  void encryptConfig() throws Exception {
    String config = """
        {"env": {"parallelism": 1, "shade.identifier": "base64"},
         "source": [{"plugin_name": "Jdbc", "plugin_output": "t", "parallelism": 1, "hostname": "db",
                     "username": "reader", "password": "secret"}],
         "transform": [],
         "sink": [{"plugin_name": "Jdbc", "host": "db:5432", "database": "shop", "table": "orders",
                   "username": "writer", "password": "secret"}]}
        """;
    assertSameShape(sample("encrypt-config"), json(send(api, "POST", "/encrypt-config", "application/json", config),
        200), Set.of());
  }

  @Test
  void workers() throws Exception {
    assertSameShape(sample("workers"), get("/workers"), Set.of());
  }

  @Test
  void submitJob() throws Exception {
    assertSameShape(sample("submit-job"),
        json(send(api, "POST", "/submit-job?jobName=shape", "text/plain", JobRoutesTest.HOCON), 200), Set.of());
  }

  @Test
  void submitJobUpload() throws Exception {
    Multipart form = Multipart.file("config_file", "job.conf", JobRoutesTest.HOCON);
    JsonNode reply = json(HttpTesting.send(HttpRequest.newBuilder(HttpTesting.uri(api, "/submit-job/upload"))
        .header("Content-Type", form.contentType()).POST(form.publisher())), 200);
    assertSameShape(sample("submit-job-upload"), reply, Set.of());
  }

  @Test
  void submitJobs() throws Exception {
    String body = "[{\"params\": {\"jobName\": \"a\"}, " + JobRoutesTest.JSON.strip().substring(1)
        + ", {\"params\": {\"jobName\": \"b\"}, " + JobRoutesTest.JSON.strip().substring(1) + "]";
    assertSameShape(sample("submit-jobs"), json(send(api, "POST", "/submit-jobs", "application/json", body), 200),
        Set.of());
  }

  @Test
  void runningJobs() throws Exception {
    assertSameShape(sample("running-jobs"), get("/running-jobs"), Set.of());
  }

  @Test
  void runningJob() throws Exception {
    assertSameShape(sample("running-job"), get("/running-job/7"), Set.of());
    assertSameShape(sample("unknown-job"), get("/running-job/404404"), Set.of());
  }

  @Test
  void jobInfo() throws Exception {
    assertSameShape(sample("job-info"), get("/job-info/8"), Set.of());
    assertSameShape(sample("running-job"), get("/job-info/7"), Set.of());
    assertSameShape(sample("unknown-job"), get("/job-info/404404"), Set.of());
  }

  @Test
  void finishedJobs() throws Exception {
    assertSameShape(sample("finished-jobs"), get("/finished-jobs"), Set.of());
    assertSameShape(sample("finished-jobs"), get("/finished-jobs/FAILED"), Set.of());
  }

  @Test
  void stopJob() throws Exception {
    assertSameShape(sample("stop-job"),
        json(send(api, "POST", "/stop-job", "application/json", "{\"jobId\": 20, \"isStopWithSavePoint\": false}"), 200),
        Set.of());
  }

  @Test
  void stopJobs() throws Exception {
    assertSameShape(sample("stop-jobs"), json(send(api, "POST", "/stop-jobs", "application/json",
        "[{\"jobId\": 21, \"isStopWithSavePoint\": false}, {\"jobId\": 22}]"), 200), Set.of());
  }

  @Test
  void updateTags() throws Exception {
    assertSameShape(sample("update-tags"),
        json(send(tagsApi, "POST", "/update-tags", "application/json", "{\"zone\": \"b\"}"), 200),
        Set.of("$.worker", "$.tags"));
  }

  @Test
  void systemMonitoringInformation() throws Exception {
    JsonNode nodes = testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      JsonNode all = HttpTesting.unchecked(() -> get("/system-monitoring-information"));
      assertEquals(1, all.size(), all::toString);
      return all;
    });
    // SeaTunnel's Hazelcast internals (executor.q.*, operations.*, connection.*) have no Atoll counterpart
    assertSameShape(sample("system-monitoring-information"), nodes, Set.of("$[*].address", "$[*].roles",
        "$[*].isMaster", "$[*].nonheap.memory.used", "$[*].nonheap.memory.total", "$[*].metaspace.used",
        "$[*].uptime", "$[*].timeMillis"));
  }
}
