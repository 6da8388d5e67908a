package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.failMessage;
import static io.atoll.runtime.http.HttpTesting.json;
import static io.atoll.runtime.http.HttpTesting.send;
import static io.atoll.runtime.http.TestingJobCoordinator.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.runtime.master.monitor.JobCountsSource;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /submit-jobs} and {@code POST /stop-jobs}: every element is checked before any job
 * is submitted or stopped, and a bad element is named by its index.
 */
class JobBatchesTest {
  private static final ActorTestKit testKit = ActorTestKit.create("JobBatchesTest", HttpTesting.CONFIG);
  private static final long T0 = 1_714_557_600_000L;
  private static final String SOURCE = "\"source\": [{\"plugin_name\": \"TestingSource\", \"plugin_output\": \"t\", "
      + "\"rows\": 5}], \"transform\": [], ";
  private static final String SINK = "\"sink\": [{\"plugin_name\": \"TestingSink\", \"plugin_input\": [\"t\"], "
      + "\"collect_to\": \"batch\"}]";

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static ServerBinding api(TestingJobCoordinator.Jobs jobs) throws Exception {
    return HttpTesting.bind(testKit.system(), Duration.ofSeconds(3),
        testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)),
        testKit.spawn(TestingJobCoordinator.create(jobs)), JobCountsSource.none());
  }

  /** A batch element as SeaTunnel's docs show it: params, then the job's config. */
  private static String element(String params, String mode) {
    return "{\"params\": " + params + ", \"env\": {\"job.mode\": \"" + mode + "\"}, " + SOURCE + SINK + "}";
  }

  private static HttpResponse<String> post(ServerBinding api, String path, String body) throws Exception {
    return send(api, "POST", path, "application/json", body);
  }

  @Test
  void submitJobsSubmitsEveryJobInOrderWithItsParams() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    JsonNode reply = json(post(api(jobs), "/submit-jobs", "[" + element("{\"jobId\": \"123456\", \"jobName\": "
        + "\"SeaTunnel-01\"}", "batch") + ", " + element("{\"jobId\": 1234567, \"jobName\": \"SeaTunnel-02\", "
        + "\"isStartWithSavePoint\": \"false\"}", "batch") + ", " + element("{}", "batch") + "]"), 200);

    assertEquals("[{\"jobId\":\"123456\",\"jobName\":\"SeaTunnel-01\"},{\"jobId\":\"1234567\",\"jobName\":"
        + "\"SeaTunnel-02\"},{\"jobId\":\"1000\",\"jobName\":\"SeaTunnel_Job\"}]", reply.toString());
    assertEquals(List.of("SeaTunnel-01", "SeaTunnel-02", "SeaTunnel_Job"),
        jobs.submitted.stream().map(j -> j.jobName()).toList(), "submitted in the array's order");
    assertEquals("rest", jobs.submitted.get(0).origin());
    assertEquals(List.of("t"), jobs.submitted.get(0).plugins().get(1).inputTables());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"jobs\": []}                                    | request body must be a JSON array",
    "[]                                                | the array is empty",
    "[OK, 7]                                           | job [1] must be a JSON object",
    "[OK, {\"params\": [1], \"env\": {}}]              | job [1] params must be a JSON object",
    "[OK, {\"params\": {\"jobId\": \"x\"}}]            | job [1] params: query parameter jobId must be a positive whole number",
    "[OK, {\"params\": {\"color\": \"red\"}}]          | job [1] params: unknown query parameter 'color'",
    "[OK, {\"params\": {\"format\": \"sql\"}}]         | job [1] params: format=sql: SQL job files are not supported yet",
    "[OK, {\"params\": {\"jobName\": {\"a\": 1}}}]     | job [1] params.jobName must be a string, number or boolean",
    "[OK, {\"params\": {\"jobId\": 5}}, {\"params\": {\"jobId\": \"5\"}}] | job [2] has jobId 5 like job [1]",
    "[OK, {\"params\": {\"jobName\": \"bad\"}, \"env\": {}, \"sink\": []}] | job [1] ('bad') of 2 is invalid, no job was submitted",
  })
  void aBadElementIs400NamingItAndNothingIsSubmitted(String body, String expected) throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    String batch = body.trim().replace("OK", element("{\"jobName\": \"fine\"}", "batch"));
    String message = failMessage(post(api(jobs), "/submit-jobs", batch), 400);
    assertTrue(message.contains(expected.trim()), message);
    assertEquals(List.of(), jobs.submitted, "all or nothing: the good job before the bad one was not submitted");
  }

  @Test
  void anInvalidConfigListsItsProblemsWithTheElementsIndex() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    JsonNode error = json(post(api(jobs), "/submit-jobs", "[" + element("{}", "batch") + ", {\"env\": {\"job.mode\": "
        + "\"batch\"}, \"source\": [{\"plugin_name\": \"NoSuchSource\", \"plugin_output\": \"t\"}], " + SINK + "}]"),
        400);
    assertTrue(error.get("message").asText().startsWith("job [1] of 2 is invalid, no job was submitted: "),
        error.toString());
    assertEquals("source[0] NoSuchSource", error.get("problems").get(0).get("where").asText(), error.toString());
    assertEquals(List.of(), jobs.submitted);
  }

  @Test
  void aJobTheCoordinatorRefusesStopsTheBatchAndSaysWhatWasSubmitted() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    jobs.put(job(5, "taken", JobStatus.RUNNING, T0, 0, null, JobMetrics.ZERO, null));
    JsonNode error = json(post(api(jobs), "/submit-jobs", "[" + element("{\"jobName\": \"first\"}", "batch") + ", "
        + element("{\"jobId\": 5}", "batch") + ", " + element("{\"jobName\": \"third\"}", "batch") + "]"), 400);

    String message = error.get("message").asText();
    assertTrue(message.startsWith("job [1] was not submitted: the job coordinator rejected the job: job id 5 is "
        + "already used by job 'taken'; job [0] was submitted (see submitted), job [2] was not"), message);
    assertEquals("[{\"jobId\":\"1000\",\"jobName\":\"first\"}]", error.get("submitted").toString());
    assertEquals(List.of("first"), jobs.submitted.stream().map(j -> j.jobName()).toList());
  }

  @Test
  void aCoordinatorThatStopsAnsweringMidBatchIs503SayingTheJobMayHaveBeenSubmitted() throws Exception {
    java.util.concurrent.atomic.AtomicInteger submits = new java.util.concurrent.atomic.AtomicInteger();
    var firstOnly = akka.actor.typed.javadsl.Behaviors.receive(io.atoll.protocol.job.JobCoordinatorProtocol.class)
        .onMessage(io.atoll.protocol.job.JobCoordinatorProtocol.SubmitJob.class, submit -> {
          if (submits.getAndIncrement() == 0) { // then silent, as a coordinator in the middle of a failover
            submit.replyTo().tell(new io.atoll.protocol.job.JobCoordinatorProtocol.JobAccepted(77));
          }
          return akka.actor.typed.javadsl.Behaviors.same();
        })
        .build();
    ServerBinding api = HttpTesting.bind(testKit.system(), Duration.ofMillis(500),
        testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)), testKit.spawn(firstOnly),
        JobCountsSource.none());
    JsonNode error = json(post(api, "/submit-jobs", "[" + element("{\"jobName\": \"a\"}", "batch") + ", "
        + element("{\"jobName\": \"b\"}", "batch") + "]"), 503);

    assertTrue(error.get("message").asText().startsWith("job [1] ('b') may or may not have been submitted"),
        error.toString());
    assertEquals("[{\"jobId\":\"77\",\"jobName\":\"a\"}]", error.get("submitted").toString());
    assertEquals(2, submits.get());
  }

  @Test
  void stopJobsStopsEveryJobAndAnswersTheIdsAsNumbers() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    jobs.put(job(881432421482889220L, "a", JobStatus.RUNNING, T0, 0, null, JobMetrics.ZERO, null));
    jobs.put(job(881432456517910529L, "b", JobStatus.PENDING, T0, 0, null, JobMetrics.ZERO, null));
    JsonNode reply = json(post(api(jobs), "/stop-jobs", "[{\"jobId\": 881432421482889220, \"isStopWithSavePoint\": "
        + "false}, {\"jobId\": \"881432456517910529\"}]"), 200);

    assertEquals("[{\"jobId\":881432421482889220},{\"jobId\":881432456517910529}]", reply.toString());
    assertEquals(JobStatus.CANCELED, jobs.byId.get(881432421482889220L).status());
    assertEquals(JobStatus.CANCELED, jobs.byId.get(881432456517910529L).status());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"jobId\": 1}                           | 400 | request body must be a JSON array",
    "[]                                       | 400 | the array is empty",
    "[{\"jobId\": 1}, {\"job\": 2}]            | 400 | job [1]: jobId is missing",
    "[{\"jobId\": 1}, {\"jobId\": 1.5}]        | 400 | job [1]: jobId must be a whole number",
    "[{\"jobId\": 1}, \"2\"]                   | 400 | job [1] must be a JSON object",
    "[{\"jobId\": 1}, {\"jobId\": \"1\"}]       | 400 | job [1] stops job 1 like job [0]",
    "[{\"jobId\": 1}, {\"jobId\": 2, \"isStopWithSavePoint\": \"maybe\"}] | 400 | job [1]: isStopWithSavePoint must be true or false",
    "[{\"jobId\": 1}, {\"jobId\": 404}]        | 404 | no job 404 (never submitted, or expired from the job history), no job was stopped",
    "[{\"jobId\": 1}, {\"jobId\": 3}]          | 400 | job 3 FINISHED already ended, no job was stopped",
  })
  void aBadOrUnknownElementIsNamedAndNoJobIsStopped(String body, int status, String expected) throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    jobs.put(job(1, "live", JobStatus.RUNNING, T0, 0, null, JobMetrics.ZERO, null));
    jobs.put(job(2, "live-too", JobStatus.RUNNING, T0, 0, null, JobMetrics.ZERO, null));
    jobs.put(job(3, "ended", JobStatus.FINISHED, T0, T0 + 1, null, JobMetrics.ZERO, null));
    String message = failMessage(post(api(jobs), "/stop-jobs", body.trim()), status);
    assertTrue(message.contains(expected.trim()), message);
    assertEquals(JobStatus.RUNNING, jobs.byId.get(1L).status(), "all or nothing: job 1 still runs");
    assertEquals(JobStatus.RUNNING, jobs.byId.get(2L).status());
  }

  @Test
  void getIsNotAllowedOnTheBatchEndpoints() throws Exception {
    ServerBinding api = api(new TestingJobCoordinator.Jobs());
    failMessage(send(api, "GET", "/submit-jobs"), 405);
    failMessage(send(api, "GET", "/stop-jobs"), 405);
  }
}
