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
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.OptionValue;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.runtime.master.monitor.JobCountsSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /encrypt-config} encodes a job config's sensitive options as SeaTunnel's does, and a
 * job submitted in that form reaches the coordinator decoded: what the encrypted file says is what
 * the plugins get.
 */
class EncryptConfigTest {
  private static final ActorTestKit testKit = ActorTestKit.create("EncryptConfigTest", HttpTesting.CONFIG);
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

  private static final String CONFIG = """
      {
        "env": {"job.mode": "BATCH", "shade.identifier": "base64", "shade.options": ["collect_to"]},
        "source": [{"plugin_name": "TestingSource", "plugin_output": "t", "rows": 1, "username": "reader",
                    "password": "pa55 word"}],
        "transform": [],
        "sink": [{"plugin_name": "TestingSink", "plugin_input": "t", "collect_to": "shaded-out", "token": 12345}]
      }
      """;

  private static String b64(String plain) {
    return Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void sensitiveOptionsComeBackEncodedAndTheRestAsSent() throws Exception {
    JsonNode encrypted = json(send(api, "POST", "/encrypt-config", "application/json", CONFIG), 200);

    JsonNode source = encrypted.get("source").get(0);
    assertEquals(b64("reader"), source.get("username").asText());
    assertEquals(b64("pa55 word"), source.get("password").asText());
    assertEquals("TestingSource", source.get("plugin_name").asText());
    assertEquals(1, source.get("rows").asInt());
    JsonNode sink = encrypted.get("sink").get(0);
    assertEquals(b64("shaded-out"), sink.get("collect_to").asText(), "an option named in shade.options");
    assertEquals(b64("12345"), sink.get("token").asText());
    assertEquals("base64", encrypted.get("env").get("shade.identifier").asText());
  }

  @Test
  void aJobSubmittedEncryptedReachesTheCoordinatorDecoded() throws Exception {
    String encrypted = send(api, "POST", "/encrypt-config", "application/json", CONFIG).body();
    int before = jobs.submitted.size();

    json(send(api, "POST", "/submit-job?format=json", "application/json", encrypted), 200);

    JobDefinition job = jobs.submitted.get(before);
    PluginDefinition source = job.plugins().stream().filter(p -> p.name().equals("TestingSource")).findFirst()
        .orElseThrow();
    PluginDefinition sink = job.plugins().stream().filter(p -> p.name().equals("TestingSink")).findFirst()
        .orElseThrow();
    assertEquals("pa55 word", ((OptionValue.Text) source.options().get("password").orElseThrow()).value());
    assertEquals("shaded-out", ((OptionValue.Text) sink.options().get("collect_to").orElseThrow()).value());
    assertFalse(job.env().containsKey("shade.identifier"), "a decoded job says no shade: " + job.env());
  }

  @Test
  void aConfigWithoutAShadeComesBackAsSent() throws Exception {
    String plain = CONFIG.replace("\"shade.identifier\": \"base64\", ", "");
    JsonNode answer = json(send(api, "POST", "/encrypt-config", "application/json", plain), 200);

    assertEquals("pa55 word", answer.get("source").get(0).get("password").asText());
  }

  @Test
  void anUnknownShadeOrABodyThatIsNoConfigIs400() throws Exception {
    String unknown = failMessage(send(api, "POST", "/encrypt-config", "application/json",
        CONFIG.replace("\"base64\"", "\"aes\"")), 400);
    assertTrue(unknown.contains("env.shade.identifier: 'aes' is not a shade Atoll knows"), unknown);

    String notJson = failMessage(send(api, "POST", "/encrypt-config", "application/json", "env { }"), 400);
    assertTrue(notJson.startsWith("request body is not JSON"), notJson);

    String badBlock = failMessage(send(api, "POST", "/encrypt-config", "application/json",
        "{\"env\": {\"shade.identifier\": \"base64\"}, \"source\": \"Jdbc\"}"), 400);
    assertTrue(badBlock.contains("'source' must be an array of plugin objects"), badBlock);
  }
}
