package io.atoll.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.runtime.testing.TestingCertificates;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster whose traffic is TLS with mutual authentication ({@code atoll.cluster.tls}), as
 * {@code runtime.jar} processes: a master and a worker, each with a key store the cluster's CA
 * signed, run a FakeSource → LocalFile job to FINISHED with every row written once. Two more
 * processes try to join the same seed as workers: one holding a certificate of another CA (it trusts
 * the cluster's CA, whose certificate is public), one with no TLS at all. Neither ever becomes a
 * member: the master's {@code GET /workers} never lists them, while the worker with the right
 * certificate, started beside them, appears; the master logs their handshakes failing.
 */
class ClusterTlsIT {
  private static final int ROWS_PER_READER = 100;
  @TempDir Path tmp;
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final RestPoller rest = new RestPoller(nodes);

  @AfterEach
  void stopAll() throws InterruptedException {
    for (NodeProcess node : nodes) {
      node.close();
    }
  }

  private Path config(String name, String tls) throws Exception {
    return Files.writeString(tmp.resolve(name + ".conf"), """
        atoll.heartbeat { interval = 300ms, timeout = 2s }
        akka.cluster.retry-unsuccessful-join-after = 1s
        """ + tls);
  }

  private static String tls(Path keyStore, Path trustStore) {
    return """
        atoll.cluster.tls {
          enabled = on
          key-store = "%s"
          trust-store = "%s"
        }
        """.formatted(keyStore, trustStore);
  }

  private NodeProcess start(String name, List<String> args) throws Exception {
    // the passwords come from the environment, as the README recommends
    NodeProcess node = NodeProcess.start(name, tmp, args, Map.of(
        "ATOLL_TLS_KEY_STORE_PASSWORD", TestingCertificates.PASSWORD,
        "ATOLL_TLS_TRUST_STORE_PASSWORD", TestingCertificates.PASSWORD));
    nodes.add(node);
    return node;
  }

  private NodeProcess worker(String name, int port, int seedPort, Path config) throws Exception {
    return start(name, List.of("--role", "worker", "--port", Integer.toString(port),
        "--seed-nodes", "127.0.0.1:" + seedPort, "--slots", "3",
        "--data-dir", tmp.resolve(name + "-data").toString(), "--config", config.toString()));
  }

  @Test
  void aTlsClusterRunsAJobAndRefusesNodesWithoutTheClustersCertificate() throws Exception {
    TestingCertificates certs = new TestingCertificates(tmp);
    Path ca = certs.ca("cluster");
    Path trust = certs.trustStore("cluster", ca);
    Path masterKeys = certs.node("master", ca);
    Path workerKeys = certs.node("worker", ca);
    Path otherCa = certs.ca("other");
    Path intruderKeys = certs.node("intruder", otherCa);
    // it trusts its own CA (else it would not even start) and the cluster's, whose certificate is public
    Path intruderTrust = certs.trustStore("intruder", otherCa, ca);

    int masterPort = NodeProcess.freePort();
    int httpPort = NodeProcess.freePort();
    int workerPort = NodeProcess.freePort();
    int intruderPort = NodeProcess.freePort();
    int plainPort = NodeProcess.freePort();
    NodeProcess master = start("master", List.of("--role", "master", "--port", Integer.toString(masterPort),
        "--http-port", Integer.toString(httpPort), "--seed-nodes", "127.0.0.1:" + masterPort,
        "--data-dir", tmp.resolve("master-data").toString(), "--config", config("master", tls(masterKeys, trust)).toString()));
    NodeProcess intruder = worker("intruder", intruderPort, masterPort, config("intruder", tls(intruderKeys, intruderTrust)));
    NodeProcess plain = worker("plain", plainPort, masterPort, config("plain", "akka.remote.artery.advanced.handshake-timeout = 5s\n"));
    worker("worker", workerPort, masterPort, config("worker", tls(workerKeys, trust)));

    URI workers = URI.create("http://127.0.0.1:" + httpPort + "/workers");
    Set<String> seen = new HashSet<>();
    rest.await(workers, Duration.ofSeconds(90), list -> {
      list.forEach(w -> seen.add(w.path("address").asText()));
      return seen.stream().anyMatch(a -> a.endsWith(":" + workerPort));
    });

    // the job runs on the one worker the cluster let in: 1 enumerator + 2 readers in its 3 slots
    Path out = tmp.resolve("out");
    String job = "env { job.name = tls, parallelism = 2 }\n"
        + "source { FakeSource { row.num = " + ROWS_PER_READER + ", split.num = 2,"
        + " schema.fields { id = bigint, name = string } } }\n"
        + "sink { LocalFile { path = \"" + out + "\", file_format_type = csv } }\n";
    HttpResponse<String> accepted = rest.http().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/submit-job?format=hocon"))
        .POST(HttpRequest.BodyPublishers.ofString(job)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, accepted.statusCode(), accepted.body());
    String jobId = RestPoller.JSON.readTree(accepted.body()).path("jobId").asText();
    JsonNode done = rest.await(URI.create("http://127.0.0.1:" + httpPort + "/job-info/" + jobId), Duration.ofSeconds(60),
        j -> List.of("FINISHED", "FAILED", "CANCELED").contains(j.path("jobStatus").asText()));
    assertEquals("FINISHED", done.path("jobStatus").asText(), done.toString());
    List<String> rows = ExactRun.lines(out);
    assertEquals(2 * ROWS_PER_READER, rows.size(), "every row written once: " + rows.size());
    assertEquals(2 * ROWS_PER_READER, new HashSet<>(rows).size(), "no row twice");
    assertEquals(2 * ROWS_PER_READER, done.path("metrics").path("SinkWriteCount").asLong(), done.toString());

    // both outsiders have been trying to join all along: the intruder's TLS handshakes fail (the
    // master does not accept its certificate), the plain node's bytes are no TLS, so Artery's own
    // handshake never completes
    rest.until(Duration.ofSeconds(30), () -> intruder.log().contains("SSLHandshakeException"),
        () -> "the intruder did not log a failed TLS handshake:\n" + intruder.logTail());
    String plainRefused = "Handshake with [akka://atoll@127.0.0.1:" + masterPort + "] did not complete";
    rest.until(Duration.ofSeconds(30), () -> plain.log().contains(plainRefused),
        () -> "the plain node did not log its failed handshake:\n" + plain.logTail());
    JsonNode members = rest.await(workers, Duration.ofSeconds(5), list -> true);
    members.forEach(w -> seen.add(w.path("address").asText()));
    assertFalse(seen.stream().anyMatch(a -> a.endsWith(":" + intruderPort) || a.endsWith(":" + plainPort)),
        "an outsider became a worker: " + seen);
    assertTrue(master.log().contains("cluster traffic on 127.0.0.1:" + masterPort
        + ": TLS with mutual authentication (TLSv1.2, key store " + masterKeys), master.logTail());
    assertTrue(plain.log().contains("cluster traffic on 127.0.0.1:" + plainPort + ": plain TCP on loopback"),
        plain.logTail());
    for (NodeProcess outsider : List.of(intruder, plain)) {
      assertFalse(outsider.log().contains("Welcome from") || outsider.log().contains("is up with roles"),
          "an outsider was let in:\n" + outsider.logTail());
    }
    assertFalse(master.log().contains(":" + intruderPort + "] is JOINING") || master.log().contains(":" + plainPort + "] is JOINING"),
        "the master saw an outsider join:\n" + master.logTail());
  }
}
