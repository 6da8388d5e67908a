package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.failMessage;
import static io.atoll.runtime.http.HttpTesting.json;
import static io.atoll.runtime.http.HttpTesting.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.master.monitor.JobCountsSource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /submit-job/upload}: SeaTunnel's multipart job file upload, with /submit-job's
 * parameters, body limit and authentication.
 */
class JobUploadTest {
  private static final ActorTestKit testKit = ActorTestKit.create("JobUploadTest", HttpTesting.CONFIG);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static ServerBinding api(TestingJobCoordinator.Jobs jobs, HttpSettings settings) throws Exception {
    return HttpTesting.bind(testKit.system(), settings,
        testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)),
        testKit.spawn(TestingJobCoordinator.create(jobs)), JobCountsSource.none());
  }

  private static ServerBinding api(TestingJobCoordinator.Jobs jobs) throws Exception {
    return api(jobs, HttpTesting.settings(Duration.ofSeconds(3)));
  }

  private static HttpResponse<String> upload(ServerBinding api, String pathAndQuery, Multipart form,
      String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(HttpTesting.uri(api, pathAndQuery))
        .header("Content-Type", form.contentType()).POST(form.publisher());
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  @Test
  void aHoconFileIsSubmittedWithTheQueryParameters() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    JsonNode reply = json(upload(api(jobs), "/submit-job/upload?jobId=42&jobName=nightly",
        Multipart.file("config_file", "orders.conf", JobRoutesTest.HOCON)), 200);

    assertEquals("{\"jobId\":\"42\",\"jobName\":\"nightly\"}", reply.toString());
    assertEquals(1, jobs.submitted.size());
    assertEquals("nightly", jobs.submitted.get(0).jobName());
    assertEquals(2, jobs.submitted.get(0).parallelism(), "the HOCON file's env was read");
    assertEquals("rest", jobs.submitted.get(0).origin());
  }

  @Test
  void aJsonFileIsReadAsJsonByItsNameAndOtherFormFieldsAreIgnored() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    json(upload(api(jobs), "/submit-job/upload",
        Multipart.file("config_file", "job.json", JobRoutesTest.JSON, "comment=from a form")), 200);
    assertEquals(List.of("t"), jobs.submitted.get(0).plugins().get(1).inputTables());

    // a JSON file's problems are described as JSON's: format comes from the name
    String message = failMessage(upload(api(jobs), "/submit-job/upload",
        Multipart.file("config_file", "broken.JSON", "{\"env\": {\"job.mode\": \"BATCH\"}, \"source\": [}")), 400);
    assertTrue(message.contains("the job config (json) is invalid"), message);
    String hocon = failMessage(upload(api(jobs), "/submit-job/upload?format=hocon",
        Multipart.file("config_file", "broken.json", "{\"env\": {\"job.mode\": \"BATCH\"}, \"source\": [}")), 400);
    assertTrue(hocon.contains("the job config (hocon) is invalid"), () -> "format in the query wins: " + hocon);
    assertEquals(1, jobs.submitted.size());
  }

  @Test
  void badUploadsAre400WithTheReasonAndSubmitNothing() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    ServerBinding api = api(jobs);

    String missing = failMessage(upload(api, "/submit-job/upload",
        Multipart.file("file", "job.conf", JobRoutesTest.HOCON, "jobName=x")), 400);
    assertTrue(missing.contains("the form has no 'config_file' part (its parts: jobName, file)"), missing);
    String empty = failMessage(upload(api, "/submit-job/upload", Multipart.file(null, null, null)), 400);
    assertTrue(empty.contains("the form has no 'config_file' part;"), empty);
    String sql = failMessage(upload(api, "/submit-job/upload",
        Multipart.file("config_file", "job.sql", "INSERT INTO t SELECT * FROM s")), 400);
    assertTrue(sql.contains("SQL job files are not supported yet"), sql);
    String notForm = failMessage(send(api, "POST", "/submit-job/upload", "text/plain", JobRoutesTest.HOCON), 400);
    assertTrue(notForm.contains("Content-Type must be multipart/form-data, got text/plain"), notForm);
    String broken = failMessage(send(api, "POST", "/submit-job/upload", "multipart/form-data; boundary=xyz",
        "no parts here"), 400);
    assertTrue(broken.contains("the multipart/form-data body cannot be read"), broken);
    String param = failMessage(upload(api, "/submit-job/upload?colour=red",
        Multipart.file("config_file", "job.conf", JobRoutesTest.HOCON)), 400);
    assertTrue(param.contains("unknown query parameter 'colour'"), param);
    assertEquals(List.of(), jobs.submitted);
  }

  @Test
  void theBodyLimitAndTheAuthTokenApplyAsEverywhere() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    ServerBinding api = api(jobs, new HttpSettings(true, "127.0.0.1", 0, Duration.ofSeconds(3), "s3cret", 2048));
    Multipart form = Multipart.file("config_file", "job.conf", JobRoutesTest.HOCON);

    failMessage(upload(api, "/submit-job/upload", form), 401);
    String large = failMessage(upload(api, "/submit-job/upload",
        Multipart.file("config_file", "job.conf", JobRoutesTest.HOCON + "#" + "x".repeat(4096) + "\n"),
        "Authorization", "Bearer s3cret"), 413);
    assertTrue(large.contains("atoll.http.max-body-size"), large);
    assertEquals(List.of(), jobs.submitted);
    json(upload(api, "/submit-job/upload", form, "Authorization", "Bearer s3cret"), 200);
    assertEquals(1, jobs.submitted.size());
  }

  @Test
  void submitJobRefusesSqlWithAClearReason() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    String message = failMessage(send(api(jobs), "POST", "/submit-job?format=sql", "text/plain",
        "INSERT INTO t SELECT * FROM s"), 400);
    assertTrue(message.startsWith("format=sql: SQL job files are not supported yet"), message);
    assertEquals(List.of(), jobs.submitted);
  }
}
