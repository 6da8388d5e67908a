package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final RestPoller rest = new RestPoller(nodes);
  @TempDir Path tmp;

  @AfterEach
  void stopAll() throws InterruptedException {
    for (NodeProcess node : nodes) {
      node.close();
    }
  }

  @Test
  void aRestartedMasterKeepsHistoryAndAdoptsARunningJob() throws Exception {
    Path conf = tmp.resolve("cluster.conf");
    Files.writeString(conf, """
        atoll.heartbeat { interval = 300ms, timeout = 2s }
        akka.cluster.split-brain-resolver.stable-after = 3s
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 2s
        """);
    int masterPort = NodeProcess.freePort();
    int httpPort = NodeProcess.freePort();
    int worker1Port = NodeProcess.freePort();
    String seeds = "127.0.0.1:" + masterPort + ",127.0.0.1:" + worker1Port;
    List<String> masterArgs = List.of("--role", "master", "--port", Integer.toString(masterPort),
        "--http-port", Integer.toString(httpPort), "--seed-nodes", seeds,
        "--data-dir", tmp.resolve("master-data").toString(), "--config", conf.toString());
    nodes.add(NodeProcess.start("master", tmp, masterArgs));
    int[] workerPorts = {worker1Port, NodeProcess.freePort()};
    for (int i = 0; i < 2; i++) {
      nodes.add(NodeProcess.start("worker-" + (i + 1), tmp, List.of(
          "--role", "worker", "--port", Integer.toString(workerPorts[i]), "--seed-nodes", seeds, "--slots", "2",
          "--data-dir", tmp.resolve("worker-" + (i + 1) + "-data").toString(), "--config", conf.toString())));
    }
    String base = "http://127.0.0.1:" + httpPort;
    rest.await(URI.create(base + "/overview"), Duration.ofSeconds(90), o -> "2".equals(o.path("works").asText()));

    String quick = submit(base, """
        env { job.name = quick }
        source { FakeSource { row.num = 10, schema.fields { id = bigint } } }
        sink { Console { log.print.data = false } }
        """);
    rest.await(URI.create(base + "/job-info/" + quick), Duration.ofSeconds(30),
        j -> "FINISHED".equals(j.path("jobStatus").asText()));
    String stream = submit(base, """
        env { job.name = stream, job.mode = STREAMING, read_limit.rows_per_second = 200 }
        source { FakeSource { row.num = 100000000, schema.fields { id = bigint } } }
        sink { Console { log.print.data = false } }
        """);
    URI info = URI.create(base + "/job-info/" + stream);
    JsonNode before = rest.await(info, Duration.ofSeconds(30), j -> "RUNNING".equals(j.path("jobStatus").asText())
        && j.path("metrics").path("SourceReceivedCount").asLong() > 0);
    long readBefore = before.path("metrics").path("SourceReceivedCount").asLong();

    nodes.get(0).kill9();
    NodeProcess restarted = NodeProcess.start("master-restarted", tmp, masterArgs);
    nodes.set(0, restarted);

    rest.await(info, Duration.ofSeconds(120), j -> "RUNNING".equals(j.path("jobStatus").asText())
        && j.path("metrics").path("SourceReceivedCount").asLong() > readBefore);
    JsonNode finished = rest.await(URI.create(base + "/finished-jobs/FINISHED"), Duration.ofSeconds(10), f -> true);
    assertTrue(finished.toString().contains(quick), "history survives the restart: " + finished);
    assertTrue(restarted.log().contains("adopted its task groups"), restarted.logTail());
    assertTrue(!restarted.log().contains("pipeline 1: restarting"), "the running pipeline was adopted, not restarted");

    HttpResponse<String> stop = rest.http().send(HttpRequest.newBuilder(URI.create(base + "/stop-job"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"jobId\": " + stream + "}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, stop.statusCode(), stop.body());
    rest.await(info, Duration.ofSeconds(30), j -> "CANCELED".equals(j.path("jobStatus").asText()));
    rest.await(URI.create(base + "/overview"), Duration.ofSeconds(30), o -> "4".equals(o.path("unassignedSlot").asText()));
  }

  private String submit(String base, String job) throws Exception {
    HttpResponse<String> accepted = rest.http().send(HttpRequest.newBuilder(URI.create(base + "/submit-job?format=hocon"))
        .POST(HttpRequest.BodyPublishers.ofString(job)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, accepted.statusCode(), accepted.body());
    return RestPoller.JSON.readTree(accepted.body()).path("jobId").asText();
  }
}
