package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.failMessage;
import static io.atoll.runtime.http.HttpTesting.json;
import static io.atoll.runtime.http.HttpTesting.send;
import static io.atoll.runtime.http.JobRoutesTest.HOCON;
import static io.atoll.runtime.http.TestingJobCoordinator.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.master.monitor.JobCountsSource;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every malformed job request is a JSON error with a 4xx status saying what was wrong; a silent
 * coordinator is a 503. Nothing reaches the coordinator from a request that failed validation.
 */
class JobRoutesErrorsTest {
  private static final ActorTestKit testKit = ActorTestKit.create("JobRoutesErrorsTest", HttpTesting.CONFIG);
  private static final TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
  private static ServerBinding api;
  private static TestProbe<JobCoordinatorProtocol> silentCoordinator;
  private static ServerBinding silent;

  @BeforeAll
  static void start() throws Exception {
    jobs.put(job(8, "done", JobStatus.FINISHED, 1, 2, null, JobMetrics.ZERO, null));
    api = HttpTesting.bind(testKit.system(), Duration.ofSeconds(3),
        testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)),
        testKit.spawn(TestingJobCoordinator.create(jobs)), JobCountsSource.none());
    silentCoordinator = testKit.createTestProbe(JobCoordinatorProtocol.class);
    // job counts asked from the silent coordinator too, as a master node wires them
    silent = HttpApi.start(testKit.system(), new HttpSettings(true, "127.0.0.1", 0, Duration.ofMillis(300)),
            testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)),
            silentCoordinator.ref(), HttpTesting.PLUGINS, HttpTesting.BUILD)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static JsonNode problems(HttpResponse<String> response) throws Exception {
    JsonNode body = json(response, 400);
    assertEquals("fail", body.get("status").textValue());
    assertTrue(body.get("problems").isArray() && !body.get("problems").isEmpty(), () -> "body: " + response.body());
    return body.get("problems");
  }

  @Test
  void hoconSyntaxErrorIs400WithTheLine() throws Exception {
    String broken = "env {\n  job.mode = BATCH\n}\nsource {\n  TestingSource { rows = ] }\n}\n";
    JsonNode problem = problems(send(api, "POST", "/submit-job", "text/plain", broken)).get(0);
    assertEquals(5, problem.get("line").intValue(), problem::toString);
    assertEquals("syntax", problem.get("where").textValue());
    assertTrue(jobs.submitted.isEmpty(), "nothing was submitted");
  }

  @Test
  void everyProblemIsListedWithLineAndPlace() throws Exception {
    String text = """
        env { job.mode = BATCH }
        source {
          NoSuchSource { plugin_output = "t" }
        }
        sink {
          TestingSink { plugin_input = "t", fail_after = "many" }
        }
        """;
    HttpResponse<String> response = send(api, "POST", "/submit-job", "text/plain", text);
    JsonNode problems = problems(response);
    assertEquals(3, problems.get(0).get("line").intValue(), problems::toString);
    assertEquals("source[0] NoSuchSource", problems.get(0).get("where").textValue());
    assertTrue(problems.get(0).get("message").textValue().contains("unknown source plugin"), problems::toString);
    assertTrue(problems.size() >= 2, () -> "the sink's problems too: " + problems);
    assertTrue(problems.toString().contains("collect_to"), problems::toString);
    String message = json(response, 400).get("message").textValue();
    assertTrue(message.contains("nothing was submitted") && message.contains("line 3"), message);
    assertTrue(jobs.submitted.isEmpty(), "nothing was submitted");
  }

  @Test
  void emptyBodyIs400() throws Exception {
    String message = failMessage(send(api, "POST", "/submit-job", "text/plain", ""), 400);
    assertTrue(message.contains("request body is empty"), message);
  }

  @Test
  void jobInfoOfANonNumericIdIs400AndOfAnUnknownOneSeaTunnelsIdAlone() throws Exception {
    String bad = failMessage(send(api, "GET", "/job-info/abc"), 400);
    assertTrue(bad.contains("must be a positive whole number, got 'abc'"), bad);
    String badRunning = failMessage(send(api, "GET", "/running-job/-3"), 400);
    assertTrue(badRunning.contains("job id in /running-job/{jobId} must be a positive whole number"), badRunning);
    // SeaTunnel 2.3.x's JobInfoServlet (behind both paths): 200 and {"jobId": "<id>"} for an id it does not know
    assertEquals("{\"jobId\":\"12345\"}", json(send(api, "GET", "/job-info/12345"), 200).toString());
    assertEquals("{\"jobId\":\"12345\"}", json(send(api, "GET", "/running-job/12345"), 200).toString());
  }

  @Test
  void unknownFinishedStateIs400ListingTheStates() throws Exception {
    String message = failMessage(send(api, "GET", "/finished-jobs/DONE"), 400);
    assertTrue(message.contains("'DONE'"), message);
    assertTrue(message.contains("FINISHED, CANCELED, FAILED, SAVEPOINT_DONE, UNKNOWABLE"), message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "/finished-jobs?page=0                  | page must be from 1 to",
    "/finished-jobs/FAILED?page=-3          | page must be from 1 to",
    "/finished-jobs?page=abc                | page must be a whole number from 1 to 2147483647, got 'abc'",
    "/finished-jobs?size=0                  | size must be from 1 to 1000, got 0",
    "/finished-jobs?size=1001               | size must be from 1 to 1000, got 1001",
    "/finished-jobs?size=                   | size must be a whole number",
    "/finished-jobs?page=1&page=2           | 'page' is given twice",
    "/finished-jobs/FINISHED?limit=5        | unknown query parameter 'limit'",
  })
  void badPagingIs400(String pathAndQuery, String expected) throws Exception {
    String message = failMessage(send(api, "GET", pathAndQuery.trim()), 400);
    assertTrue(message.contains(expected.trim()), message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"jobId\": 1,                         | request body is not JSON",
    "[1]                                    | must be a JSON object",
    "{}                                     | jobId is missing",
    "{\"jobId\": \"x1\"}                    | jobId must be a positive whole number, got 'x1'",
    "{\"jobId\": 1.5}                       | jobId must be a whole number",
    "{\"jobId\": 8, \"isStopWithSavePoint\": \"maybe\"} | isStopWithSavePoint must be true or false",
    "' '                                    | request body is empty",
  })
  void malformedStopJobIs400(String body, String expected) throws Exception {
    String message = failMessage(send(api, "POST", "/stop-job", "application/json", body.trim()), 400);
    assertTrue(message.contains(expected.trim()), message);
  }

  @Test
  void stoppingAnUnknownJobIs404AndAnEndedOne400WithTheCoordinatorsReason() throws Exception {
    String unknown = failMessage(send(api, "POST", "/stop-job", "application/json", "{\"jobId\": 77}"), 404);
    assertTrue(unknown.contains("no job 77"), unknown);
    String ended = failMessage(send(api, "POST", "/stop-job", "application/json", "{\"jobId\": 8}"), 400);
    assertTrue(ended.contains("job 8 already ended: FINISHED"), ended);
  }

  @ParameterizedTest
  @CsvSource({"GET,/submit-job,POST", "POST,/running-jobs,GET", "DELETE,/job-info/1,GET", "GET,/stop-job,POST",
      "PUT,/finished-jobs,GET"})
  void wrongMethodIs405WithAllow(String method, String path, String allowed) throws Exception {
    HttpResponse<String> response = send(api, method, path);
    String message = failMessage(response, 405);
    assertTrue(message.contains(method) && message.contains(path), message);
    assertEquals(allowed, response.headers().firstValue("Allow").orElse("(none)"));
  }

  @Test
  void unknownPathNamesTheJobEndpointsToo() throws Exception {
    String message = failMessage(send(api, "GET", "/jobs"), 404);
    assertTrue(message.contains("POST /submit-job") && message.contains("GET /job-info/{jobId}"), message);
  }

  @Test
  void silentCoordinatorIs503AfterTheAskTimeout() throws Exception {
    String running = failMessage(send(silent, "GET", "/running-jobs"), 503);
    assertTrue(running.contains("the job coordinator did not answer within 300ms"), running);
    silentCoordinator.expectMessageClass(JobCoordinatorProtocol.ListJobs.class);
    failMessage(send(silent, "GET", "/job-info/1"), 503);
    silentCoordinator.expectMessageClass(JobCoordinatorProtocol.GetJob.class);
    failMessage(send(silent, "GET", "/finished-jobs"), 503);
    silentCoordinator.expectMessageClass(JobCoordinatorProtocol.ListJobs.class);
    String submit = failMessage(send(silent, "POST", "/submit-job", "text/plain", HOCON), 503);
    assertTrue(submit.contains("retry"), submit);
    silentCoordinator.expectMessageClass(JobCoordinatorProtocol.SubmitJob.class);
    failMessage(send(silent, "POST", "/stop-job", "application/json", "{\"jobId\": 1}"), 503);
    silentCoordinator.expectMessageClass(JobCoordinatorProtocol.CancelJob.class);
    String overview = failMessage(send(silent, "GET", "/overview"), 503);
    assertTrue(overview.contains("job counts are unavailable"), overview);
    silentCoordinator.expectMessageClass(JobCoordinatorProtocol.ListJobs.class);
  }
}
