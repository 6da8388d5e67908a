package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.http.javadsl.ServerBinding;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.http.BuildInfo;
import io.atoll.runtime.http.HttpApi;
import io.atoll.runtime.http.TestingJobCoordinator;
import io.atoll.runtime.testing.TestConfigs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code submit}, {@code list}, {@code status} and {@code cancel} run in-process against the real
 * REST API on a free port, backed by a scripted coordinator.
 */
class ClusterCommandsTest {
  private static final ActorTestKit testKit = ActorTestKit.create("ClusterCommandsTest", TestConfigs.base());
  private static final long T0 = LocalDateTime.of(2024, 5, 1, 10, 0, 0).atZone(ZoneId.systemDefault())
      .toInstant().toEpochMilli();

  static final String JOB = """
      env {
        job.name = "orders"
        job.mode = BATCH
      }
      source {
        TestingSource { plugin_output = "t", rows = ${rows} }
      }
      sink {
        TestingSink { plugin_input = "t", collect_to = "${target}" }
      }
      """;

  @TempDir Path tmp;
  private TestingJobCoordinator.Jobs jobs;
  private String cluster;

  private record Run(int exitCode, String out, String err) {}

  @BeforeEach
  void startApi() throws Exception {
    jobs = new TestingJobCoordinator.Jobs();
    cluster = "127.0.0.1:" + api(jobs, PluginRegistry.fromClasspath()).localAddress().getPort();
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static ServerBinding api(TestingJobCoordinator.Jobs jobs, PluginRegistry plugins) throws Exception {
    return HttpApi.start(testKit.system(), new HttpSettings(true, "127.0.0.1", 0, Duration.ofSeconds(3)),
            testKit.createTestProbe(ResourceManagerProtocol.class).ref(),
            testKit.spawn(TestingJobCoordinator.create(jobs)), plugins, new BuildInfo("1", "abc"))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theClientSendsTheBearerTokenOfASecuredCluster() throws Exception {
    ServerBinding secured = HttpApi.start(testKit.system(),
            new HttpSettings(true, "127.0.0.1", 0, Duration.ofSeconds(3)).withAuthToken("t0k"),
            testKit.createTestProbe(ResourceManagerProtocol.class).ref(),
            testKit.spawn(TestingJobCoordinator.create(jobs)), PluginRegistry.fromClasspath(), new BuildInfo("1", "abc"))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    java.net.URI base = ClusterClient.address("127.0.0.1:" + secured.localAddress().getPort());
    assertEquals(200, new ClusterClient(base, java.util.Optional.of("t0k")).get("/running-jobs").status());
    ClusterClient.Reply refused = new ClusterClient(base, java.util.Optional.empty()).get("/running-jobs");
    assertEquals(401, refused.status());
    assertTrue(refused.message().contains("Authorization: Bearer"), refused.message());
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new NodeCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path jobFile(String text) throws Exception {
    Path file = tmp.resolve("job.conf");
    Files.writeString(file, text);
    return file;
  }

  /** PENDING, then RUNNING half way, then the given end: one step per status poll. */
  private void script(JobStatus end, String error) {
    jobs.onLookup = job -> switch (job.status()) {
      case PENDING -> job.with(JobStatus.RUNNING, null, 0).withMetrics(new JobMetrics(5, 80, 5, 80));
      default -> job.with(end, error, job.createTime() + 2000).withMetrics(new JobMetrics(10, 160, end == JobStatus.FINISHED ? 10 : 3, 48));
    };
  }

  @Test
  void submitAsyncPrintsOnlyTheIdAndSendsTheJobWithItsVariablesFilledIn() throws Exception {
    Path file = jobFile(JOB);
    Run run = run("submit", "--async", "--cluster", cluster, "-i", "rows=7", "-i", "target=orders-out",
        file.toString());

    assertEquals(0, run.exitCode(), run.err());
    assertEquals("1000", run.out().strip());
    JobDefinition sent = jobs.submitted.get(0);
    assertEquals("orders", sent.jobName());
    assertEquals(file.toString(), sent.origin(), "validated again by the cluster, in the user's file's terms");
    assertEquals(6, sent.plugins(PluginKind.SOURCE).get(0).line());
    assertEquals(6, sent.plugins(PluginKind.SOURCE).get(0).options().get("rows").orElseThrow().line());
    var source = io.atoll.runtime.job.config.PluginOptions.config(sent.plugins(PluginKind.SOURCE).get(0));
    assertEquals(7, source.getInt("rows"));
    var sink = io.atoll.runtime.job.config.PluginOptions.config(sent.plugins(PluginKind.SINK).get(0));
    assertEquals("orders-out", sink.getString("collect_to"));
  }

  @Test
  void submitWithAJobIdUsesItAndResendingDoesNotStartTheJobTwice() throws Exception {
    Path file = jobFile(JOB);
    for (int i = 0; i < 2; i++) {
      Run run = run("submit", "--async", "--job-id", "42", "--cluster", cluster, "-i", "rows=1", "-i", "target=x",
          file.toString());
      assertEquals(0, run.exitCode(), run.err());
      assertEquals("42", run.out().strip());
    }
    assertEquals(1, jobs.submitted.size());
  }

  @Test
  void submitWaitsForTheEndAndExits0WhenTheJobFinished() throws Exception {
    script(JobStatus.FINISHED, null);
    Run run = run("submit", "--poll-millis=10", "--cluster", cluster, "-i", "rows=10", "-i", "target=x",
        jobFile(JOB).toString());

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("job 1000 (orders) submitted to http://" + cluster), run.out());
    assertTrue(run.out().contains("RUNNING  read 5 rows"), () -> "progress: " + run.out());
    assertTrue(run.out().contains("FINISHED  read 10 rows"), () -> "the last progress line has the final counts: " + run.out());
    assertTrue(run.out().contains("Job Statistic Information"), run.out());
    assertTrue(run.out().contains("Job Status                : FINISHED"), run.out());
    assertTrue(run.out().contains("Total Read Count          : 10"), run.out());
    assertTrue(run.out().contains("Total Write Count         : 10"), run.out());
    assertTrue(run.out().contains("Total Time(s)             : 2"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void submitTakesTheJobFileAsSeaTunnelsDashCToo() throws Exception {
    script(JobStatus.FINISHED, null);
    Path file = jobFile(JOB);
    Run run = run("submit", "--poll-millis=10", "--cluster", cluster, "-i", "rows=10", "-i", "target=x",
        "-c", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(1, jobs.submitted.size());

    Run twice = run("submit", "--cluster", cluster, "--config", file.toString(), file.toString());
    assertEquals(2, twice.exitCode(), twice.err());
    assertTrue(twice.err().contains("two job files: JOBFILE " + file + " and -c/--config " + file + "; give one"),
        twice.err());
    Run none = run("submit", "--cluster", cluster);
    assertEquals(2, none.exitCode(), none.err());
    assertTrue(none.err().contains("Missing required parameter: 'JOBFILE' (or -c JOBFILE)"), none.err());
    assertEquals(1, jobs.submitted.size(), "nothing more was sent");
  }

  @Test
  void submitExits1WithTheReasonWhenTheJobFailed() throws Exception {
    script(JobStatus.FAILED, "TestingSink fails after 3 rows, as configured");
    Run run = run("submit", "--poll-millis=10", "--cluster", cluster, "-i", "rows=10", "-i", "target=x",
        jobFile(JOB).toString());

    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.out().contains("Total Failed Count        : 7"), run.out());
    assertEquals("atoll: job 1000 FAILED: TestingSink fails after 3 rows, as configured", run.err().strip());
  }

  @Test
  void anInvalidFileExits2AndSendsNothing() throws Exception {
    Path file = jobFile(JOB.replace("TestingSource", "NoSuchSource"));
    Run run = run("submit", "--cluster", cluster, "-i", "rows=1", "-i", "target=x", file.toString());

    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("job file " + file + " is invalid; nothing was submitted"), run.err());
    assertTrue(run.err().contains(file + ":6: source[0] NoSuchSource: unknown source plugin"), run.err());
    assertEquals(List.of(), jobs.submitted);
  }

  @Test
  void aVariableWithoutValueExits2NamingTheFlagToGive() throws Exception {
    Run run = run("submit", "--strict", "--cluster", cluster, "-i", "target=x", jobFile(JOB).toString());

    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains(":6: variable 'rows': has no value, kept as written: pass it as a job variable "
        + "(-i rows=...)"), run.err());
    assertTrue(run.err().contains("(an error with --strict)"), run.err());
    assertEquals(List.of(), jobs.submitted);
  }

  @Test
  void anUnknownHostIsOneLineAndExit1() throws Exception {
    Run run = run("list", "--cluster", "no-such-host.invalid:8080");
    assertEquals(1, run.exitCode(), run.err());
    assertEquals("atoll: cannot reach the cluster at http://no-such-host.invalid:8080 (unknown host no-such-host.invalid)",
        run.err().strip());
  }

  @Test
  void problemsTheClusterFindsExit2Too() throws Exception {
    String bare = "127.0.0.1:" + api(jobs, PluginRegistry.of(List.of())).localAddress().getPort();
    Path file = jobFile(JOB);
    Run run = run("submit", "--cluster", bare, "-i", "rows=1", "-i", "target=x", file.toString());

    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("the cluster at http://" + bare + " found job file"), run.err());
    assertTrue(run.err().contains("  " + file + ":6: source[0] TestingSource: unknown source plugin"), run.err());
    assertTrue(run.err().contains("  " + file + ":9: sink[0] TestingSink: unknown sink plugin"), run.err());
    assertEquals(List.of(), jobs.submitted);
  }

  @Test
  void anUnreachableClusterIsOneLineAndExit1() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // free once closed: nobody listens there
    }
    String down = "127.0.0.1:" + port;
    String expected = "atoll: cannot reach the cluster at http://" + down + " (Connection refused)";
    Path file = jobFile(JOB);
    List<String[]> commands = List.of(
        new String[] {"submit", "--cluster", down, "-i", "rows=1", "-i", "target=x", file.toString()},
        new String[] {"list", "--cluster", down},
        new String[] {"status", "--cluster", down, "7"},
        new String[] {"cancel", "--cluster", down, "7"});
    for (String[] command : commands) {
      Run run = run(command);
      assertEquals(1, run.exitCode(), command[0] + ": " + run.err());
      assertEquals(expected, run.err().strip(), command[0]);
      assertEquals("", run.out(), command[0]);
    }
  }

  @Test
  void listShowsRunningThenEndedJobsAsATable() throws Exception {
    jobs.put(TestingJobCoordinator.job(3, "old", JobStatus.FINISHED, T0, T0 + 60_000, null, new JobMetrics(10, 0, 10, 0), null));
    jobs.put(TestingJobCoordinator.job(9, "orders-stream", JobStatus.RUNNING, T0, 0, null, new JobMetrics(1234, 0, 1200, 0), null));
    Run run = run("list", "--cluster", cluster);

    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals(List.of(
        "JOB ID  NAME           STATUS    CREATED              ENDED                READ  WRITTEN",
        "9       orders-stream  RUNNING   2024-05-01 10:00:00  -                    1234  1200",
        "3       old            FINISHED  2024-05-01 10:00:00  2024-05-01 10:01:00  10    10"), lines);
  }

  @Test
  void listOfAnEmptyClusterSaysSo() {
    Run run = run("list", "--cluster", cluster);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("no jobs on the cluster at http://" + cluster, run.out().strip());
  }

  @Test
  void statusShowsOneJobAndAnUnknownOneExits1() {
    jobs.put(TestingJobCoordinator.job(8, "broken", JobStatus.FAILED, T0, T0 + 5000, "cannot connect to db:5432",
        new JobMetrics(3, 0, 2, 0), null));
    Run run = run("status", "--cluster", cluster, "8");

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(List.of(
        "Job Id      : 8",
        "Job Name    : broken",
        "Job Status  : FAILED",
        "Created     : 2024-05-01 10:00:00",
        "Ended       : 2024-05-01 10:00:05",
        "Read Count  : 3",
        "Write Count : 2",
        "Error       : cannot connect to db:5432"), run.out().lines().toList());

    Run unknown = run("status", "--cluster", cluster, "99");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().startsWith("atoll: no job 99 on the cluster at http://" + cluster), unknown.err());
    assertTrue(unknown.err().contains("'atoll list --cluster " + cluster + "' lists the jobs it knows"), unknown.err());
    assertFalse(unknown.err().contains("/running-jobs") || unknown.err().contains("/finished-jobs"),
        "a CLI user is pointed to the CLI, not to REST paths: " + unknown.err());
  }

  @Test
  void statusOfAJobAnsweredAsSeaTunnelAnswersAnUnknownIdPointsToList() throws Exception {
    // SeaTunnel's /job-info/{id} answers an unknown id with 200 and only the id
    com.sun.net.httpserver.HttpServer seaTunnelLike =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    seaTunnelLike.createContext("/job-info/", exchange -> {
      byte[] body = "{\"jobId\":\"99\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    seaTunnelLike.start();
    try {
      String address = "127.0.0.1:" + seaTunnelLike.getAddress().getPort();
      Run unknown = run("status", "--cluster", address, "99");
      assertEquals(1, unknown.exitCode(), unknown.err());
      assertEquals("atoll: no job 99 on the cluster at http://" + address + " (never submitted, or expired from its "
          + "job history); 'atoll list --cluster " + address + "' lists the jobs it knows", unknown.err().strip());
    } finally {
      seaTunnelLike.stop(0);
    }
  }

  @Test
  void submitThatLosesItsJobFromTheHistoryPointsToList() throws Exception {
    jobs.onLookup = job -> null; // the job expires from the coordinator's history while submit watches it
    Run run = run("submit", "--poll-millis=10", "--cluster", cluster, "-i", "rows=10", "-i", "target=x",
        jobFile(JOB).toString());
    assertEquals(1, run.exitCode(), run.err());
    assertEquals("atoll: lost track of job 1000: the cluster at http://" + cluster + " no longer knows it (its job "
        + "history expired, or it runs on another cluster); 'atoll list --cluster " + cluster
        + "' lists the jobs it knows", run.err().strip());
  }

  @Test
  void statusListAndJobInfoNeverShowAJobsPasswords() throws Exception {
    jobs.put(TestingJobCoordinator.job(8, "secret-job", JobStatus.FAILED, T0, T0 + 5000,
        io.atoll.runtime.http.PasswordMaskingTest.ERROR, new JobMetrics(3, 0, 2, 0),
        io.atoll.runtime.http.PasswordMaskingTest.jdbcJob()));
    jobs.put(TestingJobCoordinator.job(9, "secret-running", JobStatus.RUNNING, T0, 0, null, JobMetrics.ZERO,
        io.atoll.runtime.http.PasswordMaskingTest.jdbcJob()));
    Run status = run("status", "--cluster", cluster, "8");
    Run list = run("list", "--cluster", cluster);
    ClusterClient client = new ClusterClient(ClusterClient.address(cluster), java.util.Optional.empty());
    List<String> shown = List.of(status.out(), status.err(), list.out(), list.err(),
        client.get("/job-info/8").body().toString(), client.get("/job-info/9").body().toString(),
        client.get("/running-jobs").body().toString(), client.get("/finished-jobs").body().toString());
    assertTrue(status.out().contains("Error       : login failed for reader with ******"), status.out());
    assertTrue(shown.get(5).contains("\"db.Password\":\"******\""), shown.get(5));
    for (String text : shown) {
      io.atoll.runtime.http.PasswordMaskingTest.SECRETS.forEach(
          secret -> assertFalse(text.contains(secret), secret + " shown in " + text));
    }
  }

  @Test
  void cancelCancelsALiveJobAndRefusesAnEndedOne() {
    JobSummary live = jobs.put(TestingJobCoordinator.job(5, "stream", JobStatus.RUNNING, T0, 0, null, JobMetrics.ZERO, null));
    Run run = run("cancel", "--cluster", cluster, Long.toString(live.jobId()));
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("cancelling job 5", run.out().strip());
    assertEquals(JobStatus.CANCELED, jobs.byId.get(5L).status());

    Run again = run("cancel", "--cluster", cluster, "5");
    assertEquals(1, again.exitCode());
    assertEquals("atoll: cannot cancel job 5: job 5 already ended: CANCELED (HTTP 400)", again.err().strip());
  }

  @Test
  void aWrongClusterAddressOrJobIdIsAUsageError() {
    Run badAddress = run("list", "--cluster", "no-port");
    assertEquals(2, badAddress.exitCode());
    assertTrue(badAddress.err().contains("--cluster: expected HOST:HTTP_PORT"), badAddress.err());

    Run badId = run("status", "--cluster", cluster, "abc");
    assertEquals(2, badId.exitCode());
    assertTrue(badId.err().contains("'abc' is not a long"), badId.err());

    Run noCluster = run("list");
    assertEquals(2, noCluster.exitCode());
    assertTrue(noCluster.err().contains("Missing required option: '--cluster=HOST:HTTP_PORT'"), noCluster.err());
  }
}
