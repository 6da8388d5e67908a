package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on three {@code runtime.jar} processes (1 master + 2 workers with 3 slots each): the CLI's
 * {@code submit} runs a FakeSource → Assert job to the end; then a slower job loses a worker to
 * {@code kill -9} mid-run, its pipeline restarts on the surviving worker, and it still finishes
 * with every Assert rule holding.
 */
class JobProcessIT {
  @TempDir Path tmp;
  private TestCluster cluster;

  @AfterEach
  void stopAll() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String job(String name, int parallelism, int rows, int rowsPerSecond) {
    return """
        env {
          job.name = "%s"
          parallelism = %d
          job.retry.times = 3
          job.retry.interval.seconds = 1
          %s
        }
        source {
          FakeSource {
            row.num = %d
            split.num = 2
            schema.fields { id = bigint, name = string }
          }
        }
        sink {
          Assert {
            rules {
              row_rules = [ { rule_type = MIN_ROW, rule_value = %d }, { rule_type = MAX_ROW, rule_value = %d } ]
              field_rules = [ { field_name = name, field_type = string, field_value = [ { rule_type = NOT_NULL } ] } ]
            }
          }
        }
        """.formatted(name, parallelism, rowsPerSecond > 0 ? "read_limit.rows_per_second = " + rowsPerSecond : "", rows, rows, rows);
  }

  @Test
  void submitRunsAJobToTheEndAndAJobSurvivesAKilledWorker() throws Exception {
    cluster = TestCluster.start(tmp, 2, 3);
    RestPoller rest = cluster.rest;
    int httpPort = cluster.httpPort();
    rest.await(cluster.uri("/overview"), Duration.ofSeconds(90),
        o -> "2".equals(o.path("works").asText()));

    // 1. The CLI submits and waits: exit 0 when the job FINISHED.
    Path quick = tmp.resolve("quick.conf");
    Files.writeString(quick, job("quick", 1, 1000, 0));
    Process submit = cli("submit", "--cluster", "127.0.0.1:" + httpPort, quick.toString());
    assertTrue(submit.waitFor(120, TimeUnit.SECONDS), "submit did not return");
    String submitOutput = new String(submit.getInputStream().readAllBytes());
    assertEquals(0, submit.exitValue(), submitOutput);
    assertTrue(submitOutput.contains("Total Write Count"), submitOutput);

    // 2. A job running ~6 s (2 readers, 3 slots) loses the worker holding two of its slots, so at
    // least one reader; its pipeline restarts on the other worker's 3 slots and finishes.
    HttpResponse<String> accepted = rest.http().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/submit-job?format=hocon"))
        .POST(HttpRequest.BodyPublishers.ofString(job("survivor", 2, 3000, 500))).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, accepted.statusCode(), accepted.body());
    String jobId = RestPoller.JSON.readTree(accepted.body()).path("jobId").asText();
    URI info = URI.create("http://127.0.0.1:" + httpPort + "/job-info/" + jobId);
    rest.await(info, Duration.ofSeconds(30), j -> "RUNNING".equals(j.path("jobStatus").asText()));
    JsonNode workers = rest.await(URI.create("http://127.0.0.1:" + httpPort + "/workers"), Duration.ofSeconds(5), w -> true);
    String busiest = null;
    for (JsonNode worker : workers) {
      long owned = 0;
      for (JsonNode slot : worker.path("assignedSlots")) {
        owned += jobId.equals(slot.path("ownerJobId").asText()) ? 1 : 0;
      }
      if (owned >= 2) {
        busiest = worker.path("address").asText();
      }
    }
    assertTrue(busiest != null, "no worker holds two slots of job " + jobId + ": " + workers);
    int victim = busiest.endsWith(":" + cluster.workerPorts.get(0)) ? 1 : 2;
    cluster.worker(victim).kill9();
    JsonNode done = rest.await(info, Duration.ofSeconds(120), j -> isTerminal(j.path("jobStatus").asText()));
    assertEquals("FINISHED", done.path("jobStatus").asText(), done.toString());
    String masterLog = cluster.master().log();
    assertTrue(masterLog.contains("job " + jobId + " pipeline 1: restarting"),
        "the killed worker held a slot of the job, so its pipeline restarted:\n" + cluster.master().logTail());
  }

  private static boolean isTerminal(String status) {
    return status.equals("FINISHED") || status.equals("FAILED") || status.equals("CANCELED");
  }

  private Process cli(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        NodeProcess.java(), "-Xmx128m",
        "-jar", System.getProperty("atoll.runtime.jar")));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
