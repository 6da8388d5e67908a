package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.failMessage;
import static io.atoll.runtime.http.HttpTesting.json;
import static io.atoll.runtime.http.HttpTesting.send;
import static io.atoll.runtime.http.TestingJobCoordinator.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.job.config.JobFileParser;
import io.atoll.runtime.master.monitor.CoordinatorJobCounts;
import io.atoll.runtime.master.monitor.JobCounts;
import io.atoll.runtime.master.monitor.JobCountsSource;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The job endpoints' happy paths, in SeaTunnel's shapes, against a scripted coordinator. */
class JobRoutesTest {
  private static final ActorTestKit testKit = ActorTestKit.create("JobRoutesTest", HttpTesting.CONFIG);

  static final String HOCON = """
      env {
        job.name = "orders"
        job.mode = "BATCH"
        parallelism = 2
      }
      source {
        TestingSource { plugin_output = "t", rows = 10 }
      }
      sink {
        TestingSink { plugin_input = "t", collect_to = "rest-test" }
      }
      """;

  static final String JSON = """
      {
        "env": {"job.mode": "BATCH"},
        "source": [{"plugin_name": "TestingSource", "plugin_output": "t", "rows": 5}],
        "transform": [],
        "sink": [{"plugin_name": "TestingSink", "plugin_input": ["t"], "collect_to": "rest-json"}]
      }
      """;

  private static final long T0 = LocalDateTime.of(2024, 5, 1, 10, 0, 0).atZone(ZoneId.systemDefault())
      .toInstant().toEpochMilli();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** An API of its own per test, so the jobs one test lists are only its own. */
  private static ServerBinding api(TestingJobCoordinator.Jobs jobs) throws Exception {
    return HttpTesting.bind(testKit.system(), Duration.ofSeconds(3),
        testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)),
        testKit.spawn(TestingJobCoordinator.create(jobs)), JobCountsSource.none());
  }

  private static JobDefinition parsed(String text) throws Exception {
    return JobFileParser.parseString(text, "test", Map.of(), HttpTesting.PLUGINS);
  }

  @Test
  void submitValidatesAHoconConfigAndAnswersSeaTunnelsIdAndName() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    JsonNode reply = json(send(api(jobs), "POST", "/submit-job?format=hocon", "text/plain", HOCON), 200);

    assertEquals("1000", reply.get("jobId").textValue(), "ids are strings, as in SeaTunnel");
    assertEquals("orders", reply.get("jobName").textValue());
    assertEquals(2, reply.size(), () -> "fields: " + reply);
    JobDefinition submitted = jobs.submitted.get(0);
    assertEquals("rest", submitted.origin());
    assertEquals(2, submitted.parallelism());
    assertEquals(List.of("TestingSource", "TestingSink"), submitted.plugins().stream().map(p -> p.name()).toList());
  }

  @Test
  void submitReadsSeaTunnelsJsonFormAndJobNameOverridesTheEnv() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    ServerBinding api = api(jobs);
    JsonNode reply = json(send(api, "POST", "/submit-job?jobName=nightly&isStartWithSavePoint=false",
        "application/json", JSON), 200);

    assertEquals("nightly", reply.get("jobName").textValue());
    assertEquals("nightly", jobs.submitted.get(0).jobName());
    assertEquals("nightly", jobs.submitted.get(0).env().get("job.name"));
    assertEquals(List.of("t"), jobs.submitted.get(0).plugins().get(1).inputTables());
  }

  @Test
  void resubmittingWithTheSameJobIdIsIdempotentAndAnotherJobCannotTakeTheId() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    ServerBinding api = api(jobs);
    assertEquals("42", json(send(api, "POST", "/submit-job?jobId=42", "text/plain", HOCON), 200).get("jobId").textValue());
    assertEquals("42", json(send(api, "POST", "/submit-job?jobId=42", "text/plain", HOCON), 200).get("jobId").textValue());
    assertEquals(1, jobs.submitted.size(), "the second submit started nothing");

    String message = failMessage(send(api, "POST", "/submit-job?jobId=42", "application/json", JSON), 400);
    assertTrue(message.contains("job id 42 is already used by job 'orders'"), message);
  }

  @Test
  void runningJobsListsLiveJobsWithDagEnvAndSeaTunnelMetricNames() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    JobDefinition definition = parsed(HOCON);
    jobs.put(job(7, "orders", JobStatus.RUNNING, T0, 0, null, new JobMetrics(10, 160, 8, 128), definition));
    jobs.put(job(5, "queued", JobStatus.PENDING, T0, 0, null, JobMetrics.ZERO, definition));
    jobs.put(job(3, "done", JobStatus.FINISHED, T0, T0 + 5000, null, JobMetrics.ZERO, definition));

    JsonNode running = json(send(api(jobs), "GET", "/running-jobs"), 200);

    assertEquals(2, running.size(), () -> "only live jobs: " + running);
    assertEquals("5", running.get(0).get("jobId").textValue(), "sorted by id");
    JsonNode job = running.get(1);
    assertEquals("7", job.get("jobId").textValue());
    assertEquals("orders", job.get("jobName").textValue());
    assertEquals("RUNNING", job.get("jobStatus").textValue());
    assertEquals("2024-05-01 10:00:00", job.get("createTime").textValue());
    assertEquals("2", job.get("envOptions").get("parallelism").textValue());
    assertEquals("BATCH", job.get("envOptions").get("job.mode").textValue());
    assertFalse(job.get("isStartWithSavePoint").booleanValue());
    assertTrue(job.get("pluginJarsUrls").isArray());
    JsonNode metrics = job.get("metrics");
    assertEquals("10", metrics.get("SourceReceivedCount").textValue());
    assertEquals("160", metrics.get("SourceReceivedBytes").textValue());
    assertEquals("8", metrics.get("SinkWriteCount").textValue());
    assertEquals("128", metrics.get("SinkWriteBytes").textValue());
    assertTrue(metrics.get("TableSinkWriteCount").isObject());
    JsonNode dag = job.get("jobDag");
    assertEquals("7", dag.get("jobId").textValue());
    assertEquals(2, dag.get("vertexInfoMap").size());
    JsonNode source = dag.get("vertexInfoMap").get(0);
    assertEquals(1, source.get("vertexId").intValue());
    assertEquals("source", source.get("type").textValue());
    assertEquals("source[0] TestingSource", source.get("vertexName").textValue());
    assertEquals("t", source.get("tablePaths").get(0).textValue());
    JsonNode edge = dag.get("pipelineEdges").get("1").get(0);
    assertEquals("1", edge.get("inputVertexId").textValue(), "edge ends are strings in SeaTunnel's DAG");
    assertEquals("2", edge.get("targetVertexId").textValue());
  }

  @Test
  void jobInfoShowsEndAndErrorOnlyOnceTheJobEnded() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    JobDefinition definition = parsed(HOCON);
    jobs.put(job(7, "orders", JobStatus.RUNNING, T0, 0, null, new JobMetrics(4, 64, 4, 64), definition));
    jobs.put(job(8, "broken", JobStatus.FAILED, T0, T0 + 61_000, "TestingSink fails after 3 rows",
        new JobMetrics(3, 48, 3, 48), definition));
    ServerBinding api = api(jobs);

    JsonNode running = json(send(api, "GET", "/job-info/7"), 200);
    assertEquals("RUNNING", running.get("jobStatus").textValue());
    assertFalse(running.has("finishTime"), () -> "no end yet: " + running);
    assertFalse(running.has("errorMsg"), () -> "SeaTunnel shows a running job's error only once it ended: " + running);
    assertEquals("orders", running.get("envOptions").get("job.name").textValue());
    assertEquals("4", running.get("metrics").get("SinkWriteCount").textValue());

    JsonNode failed = json(send(api, "GET", "/job-info/8"), 200);
    assertEquals("FAILED", failed.get("jobStatus").textValue());
    assertEquals("2024-05-01 10:01:01", failed.get("finishTime").textValue());
    assertEquals("TestingSink fails after 3 rows", failed.get("errorMsg").textValue());
    assertFalse(failed.has("envOptions"), () -> "an ended job is shown as /finished-jobs shows it: " + failed);
    // rates are averages over the run: 3 rows in 61 s
    assertEquals("0.05", failed.get("metrics").get("SourceReceivedQPS").textValue());
  }

  @Test
  void finishedJobsComeInFinishOrderAsSeaTunnelsAndRunningOnesInSubmitOrder() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    jobs.put(job(1, "ended-last", JobStatus.FINISHED, T0, T0 + 9000, null, JobMetrics.ZERO, null));
    jobs.put(job(2, "ended-first", JobStatus.FAILED, T0 + 10, T0 + 1000, "boom", JobMetrics.ZERO, null));
    jobs.put(job(3, "ended-second", JobStatus.CANCELED, T0 - 10, T0 + 5000, null, JobMetrics.ZERO, null));
    jobs.put(job(4, "tie-by-id", JobStatus.FINISHED, T0, T0 + 5000, null, JobMetrics.ZERO, null));
    jobs.put(job(5, "submitted-last", JobStatus.RUNNING, T0 + 300, 0, null, JobMetrics.ZERO, null));
    jobs.put(job(6, "submitted-first", JobStatus.PENDING, T0 + 100, 0, null, JobMetrics.ZERO, null));
    jobs.put(job(7, "submitted-second", JobStatus.RUNNING, T0 + 200, 0, null, JobMetrics.ZERO, null));
    ServerBinding api = api(jobs);

    assertEquals(List.of("2", "3", "4", "1"), ids(json(send(api, "GET", "/finished-jobs"), 200)));
    assertEquals(List.of("4", "1"), ids(json(send(api, "GET", "/finished-jobs?page=2&size=2"), 200).get("jobs")),
        "pages follow the same order");
    assertEquals(List.of("6", "7", "5"), ids(json(send(api, "GET", "/running-jobs"), 200)));
  }

  @Test
  void finishedJobsListsEndedJobsAllOrByState() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    jobs.put(job(1, "a", JobStatus.FINISHED, T0, T0 + 1000, null, JobMetrics.ZERO, null));
    jobs.put(job(2, "b", JobStatus.FAILED, T0, T0 + 2000, "boom", JobMetrics.ZERO, null));
    jobs.put(job(3, "c", JobStatus.CANCELED, T0, T0 + 3000, "cancelled by request", JobMetrics.ZERO, null));
    jobs.put(job(4, "d", JobStatus.RUNNING, T0, 0, null, JobMetrics.ZERO, null));
    ServerBinding api = api(jobs);

    JsonNode all = json(send(api, "GET", "/finished-jobs"), 200);
    assertEquals(List.of("1", "2", "3"), ids(all));
    JsonNode failed = json(send(api, "GET", "/finished-jobs/FAILED"), 200);
    assertEquals(List.of("2"), ids(failed));
    assertEquals("boom", failed.get(0).get("errorMsg").textValue());
    assertEquals("2024-05-01 10:00:02", failed.get(0).get("finishTime").textValue());
    assertTrue(failed.get(0).get("jobDag").get("vertexInfoMap").isEmpty(), "no definition, no vertices");
    assertEquals(List.of("3"), ids(json(send(api, "GET", "/finished-jobs/canceled"), 200)));
    assertEquals(List.of(), ids(json(send(api, "GET", "/finished-jobs/UNKNOWABLE"), 200)));
    assertEquals(List.of(), ids(json(send(api, "GET", "/finished-jobs/SAVEPOINT_DONE"), 200)));
  }

  @Test
  void finishedJobsArePagedWithPageAndSize() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    for (long id = 1; id <= 5; id++) {
      jobs.put(job(id, "j" + id, JobStatus.FINISHED, T0, T0 + id, null, JobMetrics.ZERO, null));
    }
    jobs.put(job(6, "f", JobStatus.FAILED, T0, T0 + 6, "boom", JobMetrics.ZERO, null));
    ServerBinding api = api(jobs);

    JsonNode second = json(send(api, "GET", "/finished-jobs/FINISHED?page=2&size=2"), 200);
    assertEquals(2, second.get("page").intValue());
    assertEquals(2, second.get("size").intValue());
    assertEquals(5, second.get("total").intValue());
    assertEquals(List.of("3", "4"), ids(second.get("jobs")));
    assertEquals(List.of("5"), ids(json(send(api, "GET", "/finished-jobs/FINISHED?page=3&size=2"), 200).get("jobs")));
    JsonNode past = json(send(api, "GET", "/finished-jobs/FINISHED?page=9&size=2"), 200);
    assertEquals(List.of(), ids(past.get("jobs")));
    assertEquals(5, past.get("total").intValue());

    JsonNode firstOfAll = json(send(api, "GET", "/finished-jobs?size=4"), 200);
    assertEquals(1, firstOfAll.get("page").intValue());
    assertEquals(List.of("1", "2", "3", "4"), ids(firstOfAll.get("jobs")));
    assertEquals(6, firstOfAll.get("total").intValue());
    assertEquals(Paging.DEFAULT_SIZE, json(send(api, "GET", "/finished-jobs?page=1"), 200).get("size").intValue());
    assertTrue(json(send(api, "GET", "/finished-jobs/FINISHED"), 200).isArray(), "no paging: SeaTunnel's array");
  }

  @Test
  void stopJobCancelsAndAnswersTheId() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    jobs.put(job(733584788375666689L, "stream", JobStatus.RUNNING, T0, 0, null, JobMetrics.ZERO, null));
    jobs.put(job(9, "other", JobStatus.RUNNING, T0, 0, null, JobMetrics.ZERO, null));
    ServerBinding api = api(jobs);

    JsonNode reply = json(send(api, "POST", "/stop-job", "application/json",
        "{\"jobId\": 733584788375666689, \"isStopWithSavePoint\": false}"), 200);
    assertEquals("733584788375666689", reply.get("jobId").textValue());
    assertEquals(JobStatus.CANCELED, jobs.byId.get(733584788375666689L).status());

    json(send(api, "POST", "/stop-job", "application/json", "{\"jobId\": \"9\"}"), 200);
    assertEquals(JobStatus.CANCELED, jobs.byId.get(9L).status(), "an id as a string works too");
  }

  @Test
  void overviewCountsTheCoordinatorsJobsWithSeaTunnelsSemantics() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    long id = 1;
    for (JobStatus status : List.of(JobStatus.CREATED, JobStatus.PENDING, JobStatus.SCHEDULED, JobStatus.RUNNING,
        JobStatus.FAILING, JobStatus.CANCELING, JobStatus.FINISHED, JobStatus.FINISHED, JobStatus.FAILED,
        JobStatus.CANCELED)) {
      jobs.put(job(id++, "j", status, T0, status.isTerminal() ? T0 + 1 : 0, null, JobMetrics.ZERO, null));
    }
    ServerBinding api = HttpApi.start(testKit.system(), new HttpSettings(true, "127.0.0.1", 0, Duration.ofSeconds(3)),
            testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)),
            testKit.spawn(TestingJobCoordinator.create(jobs)), HttpTesting.PLUGINS, HttpTesting.BUILD)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);

    JsonNode o = json(send(api, "GET", "/overview"), 200);
    assertEquals("4", o.get("runningJobs").textValue());
    assertEquals("2", o.get("pendingJobs").textValue());
    assertEquals("2", o.get("finishedJobs").textValue());
    assertEquals("1", o.get("failedJobs").textValue());
    assertEquals("1", o.get("cancelledJobs").textValue());
  }

  @Test
  void countingLeavesNoStatusOut() {
    for (JobStatus status : JobStatus.values()) {
      JobCounts counts = CoordinatorJobCounts.count(List.of(job(1, "j", status, T0, 0, null, JobMetrics.ZERO, null)));
      long total = counts.running() + counts.pending() + counts.finished() + counts.failed() + counts.cancelled();
      assertEquals(1, total, status::name);
    }
  }

  private static List<String> ids(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(j -> j.get("jobId").textValue()).toList();
  }
}
