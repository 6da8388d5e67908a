package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.runtime.config.SettingsException;
import io.atoll.runtime.node.AtollNode;
import io.atoll.runtime.node.NodeGuardian;
import io.atoll.runtime.testing.CliRuns;
import io.atoll.runtime.testing.TestCertificates;
import io.atoll.runtime.testing.TestConfigs;
import io.atoll.runtime.testing.plugins.TestingSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real hybrid node whose REST API speaks HTTPS, wants basic authentication and lives under a
 * context path, configured as a user would (atoll.http.*): the CLI submits a job to it and waits
 * for its end. And a node whose API would be open on every interface does not start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SecuredNodeTest {
  private static final String PASSWORD = "node-pa55";
  @TempDir static Path tmp;
  private TestCertificates.Server cert;
  private AtollNode node;
  private String cluster;


  private static Config nodeConfig(Path dataDir, Map<String, Object> http) {
    Map<String, Object> values = new HashMap<>(Map.of(
        "atoll.node.role", "hybrid",
        "atoll.data-dir", dataDir.toString(),
        "atoll.slot-service.slot-num", 2,
        "atoll.heartbeat.interval", "200ms",
        "atoll.http.port", 0,
        "atoll.job.slot-retry-interval", "200ms",
        "akka.remote.artery.canonical.port", 0));
    values.putAll(http);
    return ConfigFactory.parseMap(values).withFallback(TestConfigs.base());
  }

  @BeforeAll
  void startNode() throws Exception {
    cert = TestCertificates.create(tmp, "node", "RSA");
    node = AtollNode.start(nodeConfig(tmp.resolve("data"), Map.of(
        "atoll.http.context-path", "/seatunnel",
        "atoll.http.basic-auth.username", "ops",
        "atoll.http.basic-auth.password", PASSWORD,
        "atoll.http.tls.enabled", true,
        "atoll.http.tls.key-store", cert.keyStore().toString(),
        "atoll.http.tls.key-store-password", TestCertificates.PASSWORD)));
    NodeGuardian.Node ready = node.ready().toCompletableFuture().get(60, TimeUnit.SECONDS);
    cluster = "https://127.0.0.1:" + ready.httpAddress().orElseThrow().getPort() + "/seatunnel";
  }

  @AfterAll
  void stopNode() throws Exception {
    node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static CliRuns.Result run(Map<String, String> env, String... args) {
    return CliWithEnvironment.run(env, args);
  }

  @Test
  void theCliSubmitsOverHttpsWithBasicAuthAndWaitsForTheJobsEnd() throws Exception {
    Path job = tmp.resolve("secured.conf");
    Files.writeString(job, "env { job.name = secured, job.retry.times = 0 }\n"
        + "source { TestingSource { plugin_output = t, rows = 12 } }\n"
        + "sink { TestingSink { plugin_input = t, collect_to = secured-out } }\n");
    Map<String, String> ops = Map.of("ATOLL_HTTP_USER", "ops", "ATOLL_HTTP_PASSWORD", PASSWORD);
    CliRuns.Result run = run(ops, "submit", "--poll-millis=100", "--cluster", cluster, "--cacert",
        cert.certificate().toString(), job.toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("Job Status                : FINISHED"), run.out());
    assertEquals(12, TestingSink.committed("secured-out").size());

    CliRuns.Result anonymous = run(Map.of(), "list", "--cluster", cluster, "--cacert", cert.certificate().toString());
    assertEquals(1, anonymous.exitCode());
    assertTrue(anonymous.err().contains("(HTTP 401)") || anonymous.err().contains("authentication required"),
        anonymous.err());
    assertFalse((run.out() + run.err() + anonymous.err()).contains(PASSWORD));
  }

  @Test
  void aNodeWhoseApiWouldBeOpenOnEveryInterfaceDoesNotStart() {
    SettingsException e = assertThrows(SettingsException.class,
        () -> AtollNode.start(nodeConfig(tmp.resolve("open"), Map.of("atoll.http.host", "0.0.0.0"))));
    assertTrue(e.getMessage().contains("atoll.http.allow-anonymous = true"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("open")), "refused before the data dir was even created");
  }
}
