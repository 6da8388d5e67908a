package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.failMessage;
import static io.atoll.runtime.http.HttpTesting.json;
import static io.atoll.runtime.http.HttpTesting.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.runtime.master.monitor.JobCountsSource;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job submitted over REST is text from anyone who reaches the port: it reads none of the master's
 * files, environment or system properties, and no shape of body costs more than a 4xx.
 */
class UntrustedSubmitTest {
  private static final ActorTestKit testKit = ActorTestKit.create("UntrustedSubmitTest", HttpTesting.CONFIG);
  private static final TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
  private static ServerBinding api;

  @BeforeAll
  static void start() throws Exception {
    api = HttpTesting.bind(testKit.system(), Duration.ofSeconds(3),
        testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)),
        testKit.spawn(TestingJobCoordinator.create(jobs)), JobCountsSource.none());
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static String job(String envLines) {
    return "env {\n  job.mode = BATCH\n" + envLines + "}\n"
        + "source {\n  TestingSource { plugin_output = \"t\", rows = 1 }\n}\n"
        + "sink {\n  TestingSink { plugin_input = \"t\", collect_to = \"untrusted\" }\n}\n";
  }

  @Test
  void anIncludeOfAServerFileIs400NamingTheLineAndNothingOfTheFileAppears(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("master.conf");
    Files.writeString(secret, "jdbc_password = s3cr3t-value\nauth_token = tok-123\n");
    int before = jobs.submitted.size();

    HttpResponse<String> response = send(api, "POST", "/submit-job", "text/plain",
        job("  include file(\"" + secret + "\")\n"));

    JsonNode body = json(response, 400);
    JsonNode problem = body.get("problems").get(0);
    assertEquals(3, problem.get("line").intValue(), body::toString);
    assertEquals("include", problem.get("where").textValue());
    assertTrue(body.get("message").textValue().contains("line 3"), body::toString);
    for (String leaked : new String[] {"jdbc_password", "s3cr3t-value", "auth_token", "tok-123"}) {
      assertFalse(response.body().contains(leaked), response::body);
    }
    assertEquals(before, jobs.submitted.size(), "nothing was submitted");
  }

  @Test
  void etcHostnameCannotBeIncludedEither() throws Exception {
    String message = failMessage(send(api, "POST", "/submit-job", "text/plain",
        "env { include file(\"/etc/hostname\") }\nsource { TestingSource { plugin_output = t } }\n"
            + "sink { TestingSink { plugin_input = t } }\n"), 400);

    assertTrue(message.contains("line 1") && message.contains("include"), message);
  }

  @Test
  void dollarVariablesAreNotFilledFromTheServersEnvironmentOrProperties() throws Exception {
    System.setProperty("atoll.test.secret", "from-system-properties");
    try {
      int before = jobs.submitted.size();
      HttpResponse<String> response = send(api, "POST", "/submit-job", "text/plain",
          job("  home = ${HOME}\n  path = \"${PATH}\"\n  prop = ${atoll.test.secret}\n"));

      JsonNode answer = json(response, 200);
      assertFalse(response.body().contains("from-system-properties"), response::body);
      var env = jobs.submitted.get(before).env();
      assertEquals("${HOME}", env.get("home"), "kept as written");
      assertEquals("${PATH}", env.get("path"));
      assertEquals("${atoll.test.secret}", env.get("prop"));
      assertEquals(3, answer.get("warnings").size(), answer::toString);
      assertEquals(3, answer.get("warnings").get(0).get("line").intValue(), answer::toString);
    } finally {
      System.clearProperty("atoll.test.secret");
    }
  }

  @Test
  void unknownOptionsAreAcceptedWithWarningsInTheAnswer() throws Exception {
    String text = job("").replace("rows = 1", "rwos = 1");

    JsonNode answer = json(send(api, "POST", "/submit-job", "text/plain", text), 200);

    JsonNode warning = answer.get("warnings").get(0);
    assertEquals(5, warning.get("line").intValue(), answer::toString);
    assertEquals("source[0] TestingSource option 'rwos'", warning.get("where").textValue());
    assertTrue(warning.get("message").textValue().contains("did you mean 'rows'?"), answer::toString);
    assertEquals(1, answer.get("warnings").size(), answer::toString);
  }

  @Test
  void envStrictTurnsTheWarningsInto400() throws Exception {
    int before = jobs.submitted.size();
    String text = job("  strict = true\n").replace("rows = 1", "rwos = 1");

    JsonNode body = json(send(api, "POST", "/submit-job", "text/plain", text), 400);

    assertEquals("source[0] TestingSource option 'rwos'", body.get("problems").get(0).get("where").textValue());
    assertTrue(body.get("message").textValue().contains("env.strict = true"), body::toString);
    assertEquals(before, jobs.submitted.size());
  }

  @Test
  void aCleanJobAnswersSeaTunnelsShapeWithoutWarnings() throws Exception {
    JsonNode answer = json(send(api, "POST", "/submit-job", "text/plain", job("")), 200);
    assertEquals(2, answer.size(), answer::toString);
  }

  @Test
  void aTypedJobIsCheckedWithTheMastersPluginsAndItsProblemsCiteTheUsersFile() throws Exception {
    String sent = "{\"atollJob\": 1, \"origin\": \"jobs/nightly.conf\", \"env\": {\"job.mode\": \"BATCH\"},"
        + " \"plugins\": [{\"kind\": \"source\", \"name\": \"NoSuchSource\", \"line\": 12,"
        + " \"options\": {\"line\": 12, \"object\": []}},"
        + " {\"kind\": \"sink\", \"name\": \"TestingSink\", \"line\": 20, \"options\": {\"line\": 20, \"object\": ["
        + "{\"key\": \"collect_to\", \"value\": {\"line\": 21, \"text\": \"typed\"}}]}}]}";
    int before = jobs.submitted.size();

    JsonNode body = json(send(api, "POST", "/submit-job", io.atoll.runtime.job.config.TypedJobJson.MEDIA_TYPE, sent),
        400);

    JsonNode problem = body.get("problems").get(0);
    assertEquals("jobs/nightly.conf", problem.get("origin").asText());
    assertEquals(12, problem.get("line").asInt());
    assertEquals("source[0] NoSuchSource", problem.get("where").asText());
    assertTrue(body.get("message").asText().contains("first at jobs/nightly.conf:12: "), body.toString());
    assertEquals(before, jobs.submitted.size());
  }

  @Test
  void hugelyNestedBodiesAre400AndTheApiKeepsServing() throws Exception {
    String deep = "[".repeat(200_000) + "]".repeat(200_000);
    int before = jobs.submitted.size();

    String json = failMessage(send(api, "POST", "/submit-job", "application/json", "{\"env\": " + deep + "}"), 400);
    String hocon = failMessage(send(api, "POST", "/submit-job?format=hocon", "text/plain",
        "env { a = " + "{ a = ".repeat(100_000) + "1" + " }".repeat(100_001)), 400);
    String stop = failMessage(send(api, "POST", "/stop-job", "application/json", "{\"jobId\": " + deep + "}"), 400);
    String typed = failMessage(send(api, "POST", "/submit-job", io.atoll.runtime.job.config.TypedJobJson.MEDIA_TYPE,
        "{\"atollJob\": 1, \"plugins\": " + deep + "}"), 400);

    assertTrue(json.contains("deeper than 64"), json);
    assertTrue(hocon.contains("deeper than 64"), hocon);
    assertTrue(stop.contains("deeper than 64"), stop);
    assertTrue(typed.contains("nests deeper than"), typed);
    assertEquals(before, jobs.submitted.size());
    json(send(api, "POST", "/submit-job", "text/plain", job("")), 200);
    assertEquals(before + 1, jobs.submitted.size(), "the API still submits after the hostile bodies");
  }
}
