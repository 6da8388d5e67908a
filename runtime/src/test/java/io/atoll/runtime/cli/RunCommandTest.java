package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.atoll.runtime.testing.TestingEventReceiver;
import io.atoll.runtime.testing.plugins.TestingSink;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** {@code atoll run}: each run starts and stops its own embedded node. */
class RunCommandTest {
  @TempDir Path tmp;

  private record Result(int exitCode, String out, String err) {}

  private Result run(String jobText, String... extra) throws Exception {
    Path job = tmp.resolve("job.conf");
    Files.writeString(job, jobText);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new NodeCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] args = new String[extra.length + 2];
    args[0] = "run";
    System.arraycopy(extra, 0, args, 1, extra.length);
    args[args.length - 1] = job.toString();
    return new Result(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void aFinishedJobExitsZeroAndPrintsItsStatistics() throws Exception {
    Result r = run("""
        env { parallelism = 2 }
        source { TestingSource { rows = ${rows} } }
        sink { TestingSink { collect_to = run-ok } }
        """, "-i", "rows=40");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("Total Read Count          : 80"), r.out());
    assertTrue(r.out().contains("Total Write Count         : 80"), r.out());
    assertEquals(80, TestingSink.committed("run-ok").size());
  }

  @Test
  void aConfigFileCanRunTheJobOnASingleNodeClusterInsteadOfALocalNode() throws Exception {
    Path cluster = Files.writeString(tmp.resolve("cluster.conf"), "akka.actor.provider = cluster\nakka.loglevel = INFO\n");
    // the cluster says so when it forms: its log lines are the proof that the run did not stay local
    Logger clusterLog = (Logger) org.slf4j.LoggerFactory.getLogger("akka.cluster.Cluster");
    ListAppender<ILoggingEvent> clusterLines = new ListAppender<>();
    clusterLines.start();
    ch.qos.logback.classic.Level level = clusterLog.getLevel();
    clusterLog.setLevel(ch.qos.logback.classic.Level.INFO);
    clusterLog.addAppender(clusterLines);
    Result r;
    try {
      r = run("""
          env { parallelism = 2 }
          source { TestingSource { rows = 5 } }
          sink { TestingSink { collect_to = run-cluster } }
          """, "--config", cluster.toString());
    } finally {
      clusterLog.detachAppender(clusterLines);
      clusterLog.setLevel(level);
    }
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertEquals(10, TestingSink.committed("run-cluster").size());
    assertTrue(clusterLines.list.stream().anyMatch(e -> e.getFormattedMessage().contains("is JOINING itself")),
        () -> "no cluster formed: " + clusterLines.list.stream().map(ILoggingEvent::getFormattedMessage).toList());

    Path remote = Files.writeString(tmp.resolve("remote.conf"), "akka.actor.provider = remote\n");
    Result refused = run("source { TestingSource { rows = 1 } }\nsink { TestingSink { collect_to = run-remote } }\n",
        "--config", remote.toString());
    assertEquals(2, refused.exitCode(), refused.out() + refused.err());
    assertTrue(refused.err().contains("akka.actor.provider = remote"), refused.err());
    assertEquals(0, TestingSink.committed("run-remote").size(), "nothing ran");
  }

  @Test
  void seaTunnelsDashCJobfileRunsTheJobAndSaysSoOnce() throws Exception {
    Path job = Files.writeString(tmp.resolve("st.conf"), """
        source { TestingSource { rows = 3 } }
        sink { TestingSink { collect_to = run-dash-c } }
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new NodeCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertEquals(0, cli.execute("run", "-c", job.toString()), out + "" + err);
    assertEquals(3, TestingSink.committed("run-dash-c").size());
    assertEquals(1, err.toString().split("as the job file", -1).length - 1, err.toString());
    assertTrue(err.toString().startsWith("atoll: running --config " + job + " as the job file"), err.toString());

    Path settings = Files.writeString(tmp.resolve("settings.conf"), "akka.actor.provider = local\n");
    StringWriter refused = new StringWriter();
    cli.setErr(new PrintWriter(refused));
    assertEquals(2, cli.execute("run", "--config", settings.toString()));
    assertTrue(refused.toString().contains("Missing required parameter: 'JOBFILE': --config " + settings), refused.toString());
  }

  @Test
  void aJobFileIncludesFilesNextToIt() throws Exception {
    Files.writeString(tmp.resolve("rows.conf"), "rows = 7\n");
    Files.writeString(tmp.resolve("env.conf"), "parallelism = 1\n");
    Result r = run("""
        env { include "env.conf" }
        source { TestingSource { include file("rows.conf") } }
        sink { TestingSink { collect_to = run-include } }
        """);
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertEquals(7, TestingSink.committed("run-include").size());
  }

  @Test
  void unknownOptionsAreWarnedOnStderrAndStrictRefusesThem() throws Exception {
    String text = """
        source { TestingSource { rows = 4, colour = red } }
        sink { TestingSink { collect_to = run-lenient, colect_to = typo } }
        """;
    Result lenient = run(text);
    assertEquals(0, lenient.exitCode(), lenient.out() + lenient.err());
    assertTrue(lenient.err().contains("warning: " + tmp.resolve("job.conf") + ":1: source[0] TestingSource option "
        + "'colour': unknown option"), lenient.err());
    assertTrue(lenient.err().contains(":2: sink[0] TestingSink option 'colect_to': unknown option (did you mean "
        + "'collect_to'?)"), lenient.err());
    assertEquals(1, lenient.err().split("option 'colour'", -1).length - 1, "each unknown option once");
    assertEquals(4, TestingSink.committed("run-lenient").size());

    Result strict = run(text, "--strict");
    assertEquals(2, strict.exitCode(), strict.out() + strict.err());
    assertTrue(strict.err().contains("is invalid; nothing was run") && strict.err().contains("(an error with --strict)"),
        strict.err());
  }

  @Test
  void aLocalRunPostsItsEventsBeforeItExits() throws Exception {
    try (TestingEventReceiver receiver = new TestingEventReceiver(2, Map.of("X-Team", "data"))) {
      Path config = tmp.resolve("node.conf");
      Files.writeString(config, "atoll.event-report-http { url = \"" + receiver.url() + "\", headers { X-Team = data },"
          + " batch-interval = 50ms, min-backoff = 50ms, max-backoff = 200ms }\n");
      Result r = run("""
          source { TestingSource { rows = 10 } }
          sink { TestingSink { collect_to = run-events } }
          """, "--config", config.toString());
      assertEquals(0, r.exitCode(), r.out() + r.err());
      // the temporary journal is gone with the run: whatever was not posted would be lost
      assertTrue(receiver.byType.containsKey("JOB_SUBMITTED") && receiver.byType.containsKey("JOB_FINISHED"),
          "received " + receiver.byType.keySet() + "\n" + r.err());
      assertEquals(2, receiver.refused.get(), "the first two POSTs were refused and retried");
      assertEquals(0, receiver.missingHeaders.get());
      assertTrue(!r.err().contains("were not accepted"), r.err());
    }
  }

  @Test
  void aFailedJobExitsOneWithTheReason() throws Exception {
    Result r = run("""
        env { job.retry.times = 0 }
        source { TestingSource { rows = 40 } }
        sink { TestingSink { collect_to = run-fail, fail_after = 5 } }
        """);
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("FAILED") && r.err().contains("TestingSink fails after 5 rows"), r.err());
  }

  @Test
  void aFailedJobsPasswordShowsNeitherInTheReasonNorInTheWorkerLogNorInEvents() throws Exception {
    // the sink's failure message holds its password option's value: "TestingSink fails after 5 rows"
    // a task group logs through its ActorContext: logger akka.actor.ActorCell
    Logger workers = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    workers.addAppender(log);
    try (TestingEventReceiver receiver = new TestingEventReceiver(0, Map.of())) {
      Path config = tmp.resolve("node.conf");
      Files.writeString(config, "atoll.event-report-http { url = \"" + receiver.url() + "\", batch-interval = 50ms }\n");
      Result r = run("""
          env { job.retry.times = 0 }
          source { TestingSource { rows = 40 } }
          sink { TestingSink { collect_to = run-secret, fail_after = 5, password = "fails after" } }
          """, "--config", config.toString());
      assertEquals(1, r.exitCode(), r.out() + r.err());
      assertTrue(r.err().contains("TestingSink ****** 5 rows, as configured"), r.err());
      assertFalse(r.err().contains("fails after"), r.err());
      List<String> failures = log.list.stream().map(ILoggingEvent::getFormattedMessage)
          .filter(m -> m.contains("task group") && m.contains("TestingSink")).toList();
      assertFalse(failures.isEmpty(), "the worker logged the failure");
      failures.forEach(m -> assertFalse(m.contains("fails after"), m));
      String posted = String.join("\n", receiver.bodies);
      assertTrue(posted.contains("TestingSink ****** 5 rows"), posted);
      assertFalse(posted.contains("fails after"), posted);
    } finally {
      workers.detachAppender(log);
    }
  }

  @Test
  void anInvalidJobFileExitsTwoNamingLineAndOptionAndRunsNothing() throws Exception {
    Result r = run("""
        env { parallelism = 1 }
        source { TestingSource { rows = "many" } }
        sink { NoSuchSink { } }
        """);
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("job.conf:2") && r.err().contains("'rows'"), r.err());
    assertTrue(r.err().contains("job.conf:3") && r.err().contains("NoSuchSink"), r.err());
    assertTrue(r.out().isEmpty(), "nothing was submitted: " + r.out());
  }
}
