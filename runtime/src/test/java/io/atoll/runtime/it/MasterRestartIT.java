package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the only master while a streaming job runs, then the master started again on
 * the same address and data dir: it rejoins (the seed list names a worker too), the finished-job
 * history is intact, and the running job is adopted — still RUNNING, still counting rows, with no
 * restart of its pipeline — and can be cancelled, freeing every slot.
 */
class MasterRestartIT {
  @TempDir Path tmp;
  private TestCluster cluster;

  @AfterEach
  void stopAll() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aRestartedMasterKeepsHistoryAndAdoptsARunningJob() throws Exception {
    cluster = TestCluster.start(tmp, 2, 2);
    RestPoller rest = cluster.rest;
    rest.await(cluster.uri("/overview"), Duration.ofSeconds(90), o -> "2".equals(o.path("works").asText()));

    String quick = submit("""
        env { job.name = quick }
        source { FakeSource { row.num = 10, schema.fields { id = bigint } } }
        sink { Console { log.print.data = false } }
        """);
    rest.await(cluster.uri("/job-info/" + quick), Duration.ofSeconds(30),
        j -> "FINISHED".equals(j.path("jobStatus").asText()));
    String stream = submit("""
        env { job.name = stream, job.mode = STREAMING, read_limit.rows_per_second = 200 }
        source { FakeSource { row.num = 100000000, schema.fields { id = bigint } } }
        sink { Console { log.print.data = false } }
        """);
    URI info = cluster.uri("/job-info/" + stream);
    JsonNode before = rest.await(info, Duration.ofSeconds(30), j -> "RUNNING".equals(j.path("jobStatus").asText())
        && j.path("metrics").path("SourceReceivedCount").asLong() > 0);
    long readBefore = before.path("metrics").path("SourceReceivedCount").asLong();

    cluster.master().kill9();
    NodeProcess restarted = cluster.restartMaster();

    rest.await(info, Duration.ofSeconds(120), j -> "RUNNING".equals(j.path("jobStatus").asText())
        && j.path("metrics").path("SourceReceivedCount").asLong() > readBefore);
    JsonNode finished = rest.await(cluster.uri("/finished-jobs/FINISHED"), Duration.ofSeconds(10), f -> true);
    assertTrue(finished.toString().contains(quick), "history survives the restart: " + finished);
    assertTrue(restarted.log().contains("adopted its task groups"), restarted.logTail());
    assertTrue(!restarted.log().contains("pipeline 1: restarting"), "the running pipeline was adopted, not restarted");

    HttpResponse<String> stop = rest.http().send(HttpRequest.newBuilder(cluster.uri("/stop-job"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"jobId\": " + stream + "}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, stop.statusCode(), stop.body());
    rest.await(info, Duration.ofSeconds(30), j -> "CANCELED".equals(j.path("jobStatus").asText()));
    rest.await(cluster.uri("/overview"), Duration.ofSeconds(30), o -> "4".equals(o.path("unassignedSlot").asText()));
  }

  private String submit(String job) throws Exception {
    HttpResponse<String> accepted = cluster.rest.http().send(HttpRequest.newBuilder(cluster.uri("/submit-job?format=hocon"))
        .POST(HttpRequest.BodyPublishers.ofString(job)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, accepted.statusCode(), accepted.body());
    return RestPoller.JSON.readTree(accepted.body()).path("jobId").asText();
  }
}
