package io.atoll.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.JobSummary;
import io.atoll.runtime.job.config.JobValidationException;
import io.atoll.runtime.node.AtollNode;
import io.atoll.runtime.testing.TestConfigs;
import io.atoll.runtime.testing.plugins.TestingSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A program embedding a node: start it, run a job file through the JobClient, stop it. */
class EmbeddingTest {
  @TempDir Path tmp;

  @Test
  void aProgramStartsANodeRunsAJobFileAndStops() throws Exception {
    AtollNode node = AtollNode.start(ConfigFactory.parseMap(Map.of(
            "atoll.data-dir", tmp.resolve("data").toString(),
            "atoll.http.enabled", false,
            "atoll.slot-service.dynamic-slot", true,
            "akka.remote.artery.canonical.port", 0))
        .withFallback(TestConfigs.base()));
    try {
      JobClient jobs = node.jobClient().toCompletableFuture().get(60, TimeUnit.SECONDS);
      Path job = tmp.resolve("embedded.conf");
      Files.writeString(job, """
          env { job.name = embedded, parallelism = 3 }
          source { TestingSource { rows = 7 } }
          sink { TestingSink { collect_to = embedded } }
          """);
      JobSummary result = jobs.run(job, Map.of()).toCompletableFuture().get(60, TimeUnit.SECONDS);
      assertEquals(JobStatus.FINISHED, result.status());
      assertEquals("embedded", result.jobName());
      assertEquals(21, TestingSink.committed("embedded").size());
      assertTrue(jobs.list().toCompletableFuture().get(5, TimeUnit.SECONDS).stream()
          .anyMatch(j -> j.jobId() == result.jobId()));

      Files.writeString(job, "source { Nope {} }\n");
      ExecutionException invalid = assertThrows(ExecutionException.class,
          () -> jobs.run(job, Map.of()).toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertTrue(invalid.getCause() instanceof JobValidationException, invalid.toString());
    } finally {
      node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
