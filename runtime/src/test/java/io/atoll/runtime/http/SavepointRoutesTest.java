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
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.runtime.master.monitor.JobCountsSource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SeaTunnel's savepoint flags on the single-job endpoints: {@code isStopWithSavePoint} in the
 * {@code POST /stop-job} body and {@code isStartWithSavePoint} on {@code POST /submit-job} reach the
 * coordinator; its refusals and malformed flags are 4xx JSON errors that change nothing.
 */
class SavepointRoutesTest {
  private static final ActorTestKit testKit = ActorTestKit.create("SavepointRoutesTest", HttpTesting.CONFIG);
  private static final TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
  private static ServerBinding api;

  @BeforeAll
  static void start() throws Exception {
    jobs.put(job(5, "running", JobStatus.RUNNING, 1, 0, null, JobMetrics.ZERO, null));
    jobs.put(job(6, "queued", JobStatus.PENDING, 1, 0, null, JobMetrics.ZERO, null));
    jobs.put(job(7, "saved", JobStatus.SAVEPOINT_DONE, 1, 2, null, JobMetrics.ZERO, null));
    jobs.put(job(8, "done", JobStatus.FINISHED, 1, 2, null, JobMetrics.ZERO, null));
    api = HttpTesting.bind(testKit.system(), Duration.ofSeconds(3),
        testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)),
        testKit.spawn(TestingJobCoordinator.create(jobs)), JobCountsSource.none());
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void stopJobWithSavePointStopsARunningJobIntoSavepointDone() throws Exception {
    var reply = json(send(api, "POST", "/stop-job", "application/json",
        "{\"jobId\": 5, \"isStopWithSavePoint\": true}"), 200);
    assertEquals("5", reply.get("jobId").textValue());
    assertEquals(JobStatus.SAVEPOINT_DONE, jobs.byId.get(5L).status());
    var info = json(send(api, "GET", "/job-info/5"), 200);
    assertEquals("SAVEPOINT_DONE", info.get("jobStatus").textValue());
    var saved = json(send(api, "GET", "/finished-jobs/SAVEPOINT_DONE"), 200);
    assertTrue(saved.toString().contains("\"jobId\":\"5\""), saved.toString());
    var finished = json(send(api, "GET", "/finished-jobs/FINISHED"), 200);
    assertFalse(finished.toString().contains("\"jobId\":\"5\""), finished.toString());
  }

  @Test
  void stopJobWithSavePointOfAJobNotRunningIs400AndOfAnUnknownOne404() throws Exception {
    String queued = failMessage(send(api, "POST", "/stop-job", "application/json",
        "{\"jobId\": 6, \"isStopWithSavePoint\": true}"), 400);
    assertTrue(queued.contains("only a RUNNING job can be stopped with a savepoint"), queued);
    assertEquals(JobStatus.PENDING, jobs.byId.get(6L).status(), "nothing changed");
    String unknown = failMessage(send(api, "POST", "/stop-job", "application/json",
        "{\"jobId\": 404, \"isStopWithSavePoint\": \"true\"}"), 404);
    assertTrue(unknown.contains("no job 404"), unknown);
    String malformed = failMessage(send(api, "POST", "/stop-job", "application/json",
        "{\"jobId\": 6, \"isStopWithSavePoint\": 3}"), 400);
    assertTrue(malformed.contains("isStopWithSavePoint must be true or false, got 3"), malformed);
  }

  @Test
  void submitJobWithIsStartWithSavePointRestoresTheJobId() throws Exception {
    var reply = json(send(api, "POST", "/submit-job?jobId=7&isStartWithSavePoint=true", "text/plain",
        JobRoutesTest.HOCON), 200);
    assertEquals("7", reply.get("jobId").textValue());
    assertEquals(List.of(7L), jobs.restored);
    assertEquals(JobStatus.PENDING, jobs.byId.get(7L).status());
  }

  @Test
  void isStartWithSavePointWithoutASavepointOrJobIdOrAsNoBooleanIs400() throws Exception {
    int submitted = jobs.submitted.size();
    String noSavepoint = failMessage(send(api, "POST", "/submit-job?jobId=8&isStartWithSavePoint=true", "text/plain",
        JobRoutesTest.HOCON), 400);
    assertTrue(noSavepoint.contains("no savepoint for job 8"), noSavepoint);
    String noId = failMessage(send(api, "POST", "/submit-job?isStartWithSavePoint=true", "text/plain",
        JobRoutesTest.HOCON), 400);
    assertTrue(noId.contains("isStartWithSavePoint=true needs jobId"), noId);
    String notBoolean = failMessage(send(api, "POST", "/submit-job?jobId=7&isStartWithSavePoint=yes", "text/plain",
        JobRoutesTest.HOCON), 400);
    assertTrue(notBoolean.contains("isStartWithSavePoint must be true or false, got 'yes'"), notBoolean);
    assertEquals(submitted, jobs.submitted.size(), "nothing was submitted");
    assertTrue(jobs.restored.stream().noneMatch(id -> id == 8L));
  }
}
