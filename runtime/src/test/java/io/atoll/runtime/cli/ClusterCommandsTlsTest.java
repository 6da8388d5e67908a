package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.http.javadsl.ServerBinding;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.config.BasicAuthSettings;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.config.TlsSettings;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.http.BuildInfo;
import io.atoll.runtime.http.HttpApi;
import io.atoll.runtime.http.TestingJobCoordinator;
import io.atoll.runtime.testing.CliRuns;
import io.atoll.runtime.testing.TestCertificates;
import io.atoll.runtime.testing.TestConfigs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster commands against a REST API that speaks HTTPS, wants basic authentication and lives
 * under a context path: the address, {@code --cacert} and the credentials from the environment.
 */
class ClusterCommandsTlsTest {
  private static final ActorTestKit testKit = ActorTestKit.create("ClusterCommandsTlsTest", TestConfigs.base());
  private static final String PASSWORD = "cli-pa55word";
  private static final Map<String, String> OPS = Map.of("ATOLL_HTTP_USER", "ops", "ATOLL_HTTP_PASSWORD", PASSWORD);

  @TempDir static Path dir;
  private static TestCertificates.Server cert;
  private static TestingJobCoordinator.Jobs jobs;
  private static int port;
  private static String cluster;
  private static TestCertificates.Server client;
  /** HTTPS wanting a client certificate from a PKCS12 trust store, no credentials. */
  private static String mutualCluster;


  @BeforeAll
  static void start() throws Exception {
    cert = TestCertificates.create(dir, "server", "EC");
    jobs = new TestingJobCoordinator.Jobs();
    HttpSettings settings = new HttpSettings(true, "127.0.0.1", 0, Duration.ofSeconds(3))
        .withTls(TlsSettings.pem(cert.certificate(), cert.privateKey()))
        .withBasicAuth(new BasicAuthSettings("ops", PASSWORD)).withContextPath("/seatunnel");
    ServerBinding api = HttpApi.start(testKit.system(), settings,
            testKit.createTestProbe(ResourceManagerProtocol.class).ref(),
            testKit.spawn(TestingJobCoordinator.create(jobs)), PluginRegistry.fromClasspath(), new BuildInfo("1", "abc"))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    port = api.localAddress().getPort();
    cluster = "https://127.0.0.1:" + port + "/seatunnel";

    client = TestCertificates.create(dir, "client", "EC");
    Path trustStore = TestCertificates.trustStore(dir, client.certificate(), "trust-pw");
    HttpSettings mutual = new HttpSettings(true, "127.0.0.1", 0, Duration.ofSeconds(3))
        .withTls(new TlsSettings(true, "", "", "", "", cert.certificate().toString(), cert.privateKey().toString(),
            trustStore.toString(), "trust-pw", ""));
    ServerBinding mutualApi = HttpApi.start(testKit.system(), mutual,
            testKit.createTestProbe(ResourceManagerProtocol.class).ref(),
            testKit.spawn(TestingJobCoordinator.create(new TestingJobCoordinator.Jobs())), PluginRegistry.fromClasspath(),
            new BuildInfo("1", "abc"))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    mutualCluster = "https://127.0.0.1:" + mutualApi.localAddress().getPort();
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static CliRuns.Result run(Map<String, String> env, String... args) {
    return CliWithEnvironment.run(env, args);
  }

  @Test
  void submitAndListOverHttpsWithBasicAuthUnderTheContextPath() throws Exception {
    Path job = dir.resolve("job.conf");
    Files.writeString(job, ClusterCommandsTest.JOB.replace("${rows}", "3").replace("${target}", "t"));
    CliRuns.Result submit = run(OPS, "submit", "--async", "--cluster", cluster, "--cacert", cert.certificate().toString(),
        job.toString());
    assertEquals(0, submit.exitCode(), submit.err());
    assertEquals("1000", submit.out().strip());
    assertEquals(1, jobs.submitted.size());

    CliRuns.Result list = run(OPS, "list", "--cluster", cluster + "/", "--cacert", cert.certificate().toString());
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().contains("1000"), list.out());
  }

  @Test
  void aWrongPasswordIsTheServersOneLineAnswerAndNeverPrinted() {
    CliRuns.Result run = run(Map.of("ATOLL_HTTP_USER", "ops", "ATOLL_HTTP_PASSWORD", "not-" + PASSWORD), "list",
        "--cluster", cluster, "--cacert", cert.certificate().toString());
    assertEquals(1, run.exitCode(), run.out());
    assertTrue(run.err().contains("wrong user or password"), run.err());
    assertFalse((run.out() + run.err()).contains(PASSWORD), run.err());
    CliRuns.Result none = run(Map.of(), "list", "--cluster", cluster, "--cacert", cert.certificate().toString());
    assertEquals(1, none.exitCode());
    assertTrue(none.err().contains("Authorization: Basic"), none.err());
  }

  @Test
  void anUntrustedCertificateOrPlainHttpSaysWhatToDo() {
    CliRuns.Result untrusted = run(OPS, "list", "--cluster", cluster);
    assertEquals(1, untrusted.exitCode(), untrusted.out());
    assertTrue(untrusted.err().contains("certificate is not trusted") && untrusted.err().contains("--cacert FILE"),
        untrusted.err());
    CliRuns.Result plain = run(OPS, "list", "--cluster", "127.0.0.1:" + port + "/seatunnel");
    assertEquals(1, plain.exitCode(), plain.out());
    assertTrue(plain.err().startsWith("atoll: cannot reach the cluster at http://127.0.0.1:" + port), plain.err());
    assertTrue(plain.err().contains("use https://"), plain.err());
    assertFalse(plain.err().contains("\tat "), "one line, no stack trace: " + plain.err());
  }

  @Test
  void halfTheCredentialsACacertForHttpOrCredentialsInTheAddressAreUsageErrors() {
    CliRuns.Result half = run(Map.of("ATOLL_HTTP_USER", "ops"), "list", "--cluster", cluster);
    assertEquals(2, half.exitCode());
    assertTrue(half.err().contains("only ATOLL_HTTP_USER is set"), half.err());
    CliRuns.Result cacert = run(OPS, "list", "--cluster", "127.0.0.1:" + port, "--cacert", cert.certificate().toString());
    assertEquals(2, cacert.exitCode());
    assertTrue(cacert.err().contains("--cacert is for an https:// --cluster"), cacert.err());
    CliRuns.Result inUrl = run(Map.of(), "list", "--cluster", "https://ops:" + PASSWORD + "@127.0.0.1:" + port);
    assertEquals(2, inUrl.exitCode());
    assertTrue(inUrl.err().contains("credentials do not belong in --cluster"), inUrl.err());
    CliRuns.Result badCa = run(OPS, "list", "--cluster", cluster, "--cacert", cert.privateKey().toString());
    assertEquals(2, badCa.exitCode());
    assertTrue(badCa.err().contains("--cacert: " + cert.privateKey()), badCa.err());
  }

  @Test
  void aClientCertificateIsSentWithCertAndKey() {
    String ca = cert.certificate().toString();
    CliRuns.Result with = run(Map.of(), "list", "--cluster", mutualCluster, "--cacert", ca,
        "--cert", client.certificate().toString(), "--key", client.privateKey().toString());
    assertEquals(0, with.exitCode(), with.err());
    assertTrue(with.out().contains("no jobs on the cluster at " + mutualCluster), with.out());
    CliRuns.Result without = run(Map.of(), "list", "--cluster", mutualCluster, "--cacert", ca);
    assertEquals(1, without.exitCode(), without.out());
    // the server's alert, or a broken pipe when it hangs up first: either way the hint is there
    assertTrue(without.err().contains("client certificate") && without.err().contains("--cert FILE --key FILE"),
        without.err());
    CliRuns.Result half = run(Map.of(), "list", "--cluster", mutualCluster, "--cacert", ca, "--cert",
        client.certificate().toString());
    assertEquals(2, half.exitCode());
    assertTrue(half.err().contains("--cert and --key go together"), half.err());
    CliRuns.Result swapped = run(Map.of(), "list", "--cluster", mutualCluster, "--cacert", ca, "--cert",
        client.privateKey().toString(), "--key", client.certificate().toString());
    assertEquals(2, swapped.exitCode());
    assertTrue(swapped.err().contains("--cert / --key: " + client.privateKey()), swapped.err());
  }

  @Test
  void addressesKeepTheirSchemeAndContextPath() {
    assertEquals(URI.create("http://10.0.0.5:8080"), ClusterClient.address("10.0.0.5:8080"));
    assertEquals(URI.create("http://10.0.0.5:8080"), ClusterClient.address("http://10.0.0.5:8080/"));
    assertEquals(URI.create("https://h:8443/seatunnel"), ClusterClient.address("https://h:8443/seatunnel/"));
    assertEquals(URI.create("http://h:1/a/b"), ClusterClient.address("h:1/a/b"));
    for (String bad : new String[] {"h", "https://h", "ftp://h:1", "h:1?x=1", "h:0"}) {
      assertThrows(IllegalArgumentException.class, () -> ClusterClient.address(bad), bad);
    }
  }

  @Test
  void credentialsComeFromTheEnvironmentTheTokenFirstAndAreNeverPrinted() {
    assertEquals("Bearer t", ClusterCredentials.fromEnvironment(Map.of("ATOLL_HTTP_AUTH_TOKEN", "t",
        "ATOLL_HTTP_USER", "u", "ATOLL_HTTP_PASSWORD", "p")).authorization().orElseThrow());
    ClusterCredentials basic = ClusterCredentials.fromEnvironment(OPS);
    assertEquals("Basic b3BzOmNsaS1wYTU1d29yZA==", basic.authorization().orElseThrow());
    assertFalse(basic.toString().contains(PASSWORD), basic.toString());
    assertTrue(ClusterCredentials.fromEnvironment(Map.of()).authorization().isEmpty());
  }
}
