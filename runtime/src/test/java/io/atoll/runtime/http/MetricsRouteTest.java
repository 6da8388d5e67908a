package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.send;
import static io.atoll.runtime.http.TestingJobCoordinator.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.http.javadsl.ServerBinding;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.master.monitor.JobCountsSource;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: Prometheus text from the ResourceManager, the JobCoordinator and registered sources. */
class MetricsRouteTest {
  private static final ActorTestKit testKit = ActorTestKit.create("MetricsRouteTest", HttpTesting.CONFIG);
  private static final AtomicLong delivered = new AtomicLong(41);
  private static ServerBinding api;
  private static ServerBinding silent;

  @BeforeAll
  static void start() throws Exception {
    TestingJobCoordinator.Jobs jobs = new TestingJobCoordinator.Jobs();
    jobs.put(job(5, "orders \"eu\"", JobStatus.RUNNING, 1, 0, null, new JobMetrics(100, 2000, 90, 1800), null));
    jobs.put(job(6, "done", JobStatus.FINISHED, 1, 2, null, new JobMetrics(7, 70, 7, 70), null));
    var coordinator = testKit.spawn(TestingJobCoordinator.create(jobs));
    api = HttpTesting.bind(testKit.system(), Duration.ofSeconds(3),
        testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS)), coordinator,
        JobCountsSource.none());
    TestProbe<ResourceManagerProtocol> silentRm = testKit.createTestProbe();
    silent = HttpTesting.bind(testKit.system(), Duration.ofMillis(300), silentRm.ref(), coordinator,
        JobCountsSource.none());
    MetricsRegistry.get(testKit.system()).register(MetricsSource.of("events",
        w -> w.counter("atoll_events_delivered_total", "Events delivered", delivered.incrementAndGet())));
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static List<String> lines(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response::body);
    assertEquals("text/plain; version=0.0.4; charset=UTF-8",
        response.headers().firstValue("Content-Type").orElse("(none)"));
    return Arrays.asList(response.body().split("\n"));
  }

  private static void assertLine(List<String> lines, String expected) {
    assertTrue(lines.contains(expected), () -> "no line '" + expected + "' in:\n" + String.join("\n", lines));
  }

  @Test
  void clusterFiguresComeFromTheResourceManager() throws Exception {
    List<String> lines = lines(send(api, "GET", "/metrics"));
    assertLine(lines, "# HELP atoll_workers Live workers");
    assertLine(lines, "# TYPE atoll_workers gauge");
    assertLine(lines, "atoll_workers 2.0");
    assertLine(lines, "atoll_slots 4.0");
    assertLine(lines, "atoll_slots_free 3.0");
    assertLine(lines, "# TYPE atoll_heartbeats_total counter");
    assertLine(lines, "atoll_heartbeats_total 120.0");
    assertLine(lines, "atoll_heartbeats_stale_total 3.0");
    assertLine(lines, "atoll_slot_requests_total{outcome=\"granted\"} 9.0");
    assertLine(lines, "atoll_slot_requests_total{outcome=\"refused\"} 2.0");
    assertLine(lines, "atoll_workers_lost_total 1.0");
    assertLine(lines, "atoll_fenced_commands_total 4.0");
    assertLine(lines, "# TYPE atoll_build_info gauge");
    assertLine(lines, "atoll_build_info{commit=\"abc1234\",version=\"1.2.3\"} 1");
  }

  @Test
  void jobsByStateAndEachJobsRowsAndBytes() throws Exception {
    List<String> lines = lines(send(api, "GET", "/metrics"));
    assertLine(lines, "atoll_jobs{state=\"RUNNING\"} 1.0");
    assertLine(lines, "atoll_jobs{state=\"FINISHED\"} 1.0");
    assertLine(lines, "atoll_jobs{state=\"PENDING\"} 0.0");
    assertLine(lines, "atoll_job_rows_read_total{job_id=\"5\",job_name=\"orders \\\"eu\\\"\"} 100.0");
    assertLine(lines, "atoll_job_bytes_read_total{job_id=\"5\",job_name=\"orders \\\"eu\\\"\"} 2000.0");
    assertLine(lines, "atoll_job_rows_written_total{job_id=\"6\",job_name=\"done\"} 7.0");
    assertLine(lines, "atoll_job_bytes_written_total{job_id=\"5\",job_name=\"orders \\\"eu\\\"\"} 1800.0");
    assertEquals(1, lines.stream().filter(l -> l.equals("# TYPE atoll_job_rows_read_total counter")).count(),
        "one TYPE line per family, its samples together");
  }

  @Test
  void aRegisteredSourceIsReadAtEveryScrape() throws Exception {
    List<String> first = lines(send(api, "GET", "/metrics"));
    long seen = (long) Double.parseDouble(first.stream().filter(l -> l.startsWith("atoll_events_delivered_total "))
        .findFirst().orElseThrow().split(" ")[1]);
    assertLine(lines(send(api, "GET", "/metrics")), "atoll_events_delivered_total " + (seen + 1) + ".0");
    assertLine(first, "atoll_metrics_source_up{source=\"events\"} 1.0");
    assertThrows(IllegalArgumentException.class, () -> MetricsRegistry.get(testKit.system())
        .register(MetricsSource.of("events", w -> {})));
  }

  @Test
  void aSilentSourceIsLeftOutAndMarkedDownTheOthersStay() throws Exception {
    List<String> lines = lines(send(silent, "GET", "/metrics"));
    assertLine(lines, "atoll_metrics_source_up{source=\"resource_manager\"} 0.0");
    assertLine(lines, "atoll_metrics_source_up{source=\"job_coordinator\"} 1.0");
    assertFalse(lines.stream().anyMatch(l -> l.startsWith("atoll_workers")), "no cluster figures without an answer");
    assertLine(lines, "atoll_jobs{state=\"RUNNING\"} 1.0");
  }

  /** Each family's type from its {@code # TYPE} line. */
  static Map<String, String> types(String exposition) {
    Map<String, String> types = new LinkedHashMap<>();
    exposition.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" "))
        .forEach(t -> assertEquals(null, types.put(t[2], t[3]), "family " + t[2] + " written twice"));
    return types;
  }

  @Test
  void everyFamilyIsThereWithItsType() throws Exception {
    Map<String, String> types = types(String.join("\n", lines(send(api, "GET", "/metrics"))));
    Map<String, String> expected = new LinkedHashMap<>();
    for (String gauge : List.of("atoll_workers", "atoll_slots", "atoll_slots_free", "atoll_jobs", "atoll_build_info",
        "atoll_resources_live", "atoll_leak_detection_level", "atoll_metrics_source_up", "job_count",
        "job_thread_pool_activeCount", "job_thread_pool_corePoolSize", "job_thread_pool_maximumPoolSize",
        "job_thread_pool_poolSize", "job_thread_pool_queueTaskCount", "node_count", "node_state", "cluster_info",
        "job_SourceReceivedCount", "job_SourceReceivedQPS", "job_SourceReceivedBytes", "job_SourceReceivedBytesPerSeconds",
        "job_SinkWriteCount", "job_SinkWriteQPS", "job_SinkWriteBytes", "job_SinkWriteBytesPerSeconds",
        "jvm_memory_bytes_used", "jvm_memory_bytes_committed", "jvm_memory_bytes_max", "jvm_memory_bytes_init",
        "jvm_memory_used_bytes", "jvm_threads_current", "jvm_threads_daemon", "jvm_threads_peak", "jvm_threads_deadlocked",
        "jvm_classes_currently_loaded", "jvm_runtime_info", "process_start_time_seconds", "process_open_fds")) {
      expected.put(gauge, "gauge");
    }
    for (String counter : List.of("atoll_heartbeats_total", "atoll_slot_requests_total", "atoll_job_rows_read_total",
        "atoll_resource_leaks_total", "job_thread_pool_completedTask_total", "job_thread_pool_task_total",
        "job_thread_pool_rejection_total", "jvm_classes_loaded_total", "jvm_threads_started_total",
        "process_cpu_seconds_total")) {
      expected.put(counter, "counter");
    }
    expected.put("jvm_gc_collection_seconds", "summary");
    expected.forEach((name, type) -> assertEquals(type, types.get(name), name + " in " + types));
  }

  @Test
  void seaTunnelsNamesWithTheirLabels() throws Exception {
    List<String> lines = lines(send(api, "GET", "/metrics"));
    String cluster = "cluster=\"MetricsRouteTest\"";
    assertLine(lines, "job_count{" + cluster + ",type=\"running\"} 1.0");
    assertLine(lines, "job_count{" + cluster + ",type=\"finished\"} 1.0");
    for (String idle : List.of("canceled", "cancelling", "created", "failed", "failing", "scheduled")) {
      assertLine(lines, "job_count{" + cluster + ",type=\"" + idle + "\"} 0.0");
    }
    assertEquals(8, lines.stream().filter(l -> l.startsWith("job_count{")).count(), "SeaTunnel's eight types");
    String job5 = cluster + ",job_id=\"5\",job_name=\"orders \\\"eu\\\"\"";
    String job6 = cluster + ",job_id=\"6\",job_name=\"done\"";
    assertLine(lines, "job_SourceReceivedCount{" + job5 + "} 100.0");
    assertLine(lines, "job_SourceReceivedBytes{" + job5 + "} 2000.0");
    assertLine(lines, "job_SinkWriteCount{" + job5 + "} 90.0");
    assertLine(lines, "job_SinkWriteBytes{" + job6 + "} 70.0");
    // job 6 ran from 1 ms to 2 ms after the epoch: /job-info's rate floor of 1 ms, 7 rows -> 7000 rows/s
    assertLine(lines, "job_SinkWriteQPS{" + job6 + "} 7000.0");
    assertLine(lines, "job_SourceReceivedBytesPerSeconds{" + job6 + "} 70000.0");
    String self = "address=\"akka://MetricsRouteTest\"," + cluster;
    assertLine(lines, "node_count{" + cluster + "} 1.0");
    assertLine(lines, "node_state{" + self + "} 1.0");
    assertLine(lines, "cluster_info{" + cluster + ",master=\"akka://MetricsRouteTest\"} 1");
    assertLine(lines, "job_thread_pool_corePoolSize{" + self + "} 0.0");
    assertLine(lines, "job_thread_pool_maximumPoolSize{" + self + "} 2.147483647E9");
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("job_thread_pool_completedTask_total{" + self + "} ")), "pool");
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("jvm_memory_bytes_used{area=\"heap\"} ")), "heap");
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("jvm_memory_bytes_used{area=\"nonheap\"} ")), "non-heap");
  }

  @Test
  void openMetricsHasItsContentTypeItsTypesAndEof() throws Exception {
    HttpResponse<String> response = send(api, "GET", "/openmetrics");
    assertEquals(200, response.statusCode(), response::body);
    assertEquals("application/openmetrics-text; version=1.0.0; charset=UTF-8",
        response.headers().firstValue("Content-Type").orElse("(none)"));
    List<String> lines = Arrays.asList(response.body().split("\n"));
    assertEquals("# EOF", lines.get(lines.size() - 1));
    assertLine(lines, "# TYPE atoll_build info");
    assertLine(lines, "atoll_build_info{commit=\"abc1234\",version=\"1.2.3\"} 1");
    assertLine(lines, "# TYPE atoll_heartbeats counter");
    assertLine(lines, "atoll_heartbeats_total 120.0");
    assertLine(lines, "# TYPE job_count gauge");
    assertLine(lines, "# TYPE job_thread_pool_completedTask counter");
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("jvm_threads_current ")), "jvm_threads_current");
  }

  @Test
  void anotherMethodIsAJsonErrorAndTheNextScrapeStillWorks() throws Exception {
    for (String path : List.of("/metrics", "/openmetrics")) {
      HttpResponse<String> refused = send(api, "POST", path, "text/plain", "x");
      assertEquals(405, refused.statusCode(), refused::body);
      assertTrue(refused.body().contains("\"status\":\"fail\""), refused.body());
      assertTrue(refused.body().contains("GET"), refused.body());
    }
    assertLine(lines(send(api, "GET", "/metrics")), "atoll_workers 2.0");
  }

  @Test
  void aSourceWhoseFamilyClashesWithTheJvmsFailsTheScrapeWithAJsonError() throws Exception {
    ActorTestKit own = ActorTestKit.create("ClashTest", HttpTesting.CONFIG);
    try {
      TestProbe<ResourceManagerProtocol> rm = own.createTestProbe();
      ServerBinding clash = HttpTesting.bind(own.system(), Duration.ofMillis(300), rm.ref(),
          own.spawn(TestingJobCoordinator.create(new TestingJobCoordinator.Jobs())), JobCountsSource.none());
      MetricsRegistry.get(own.system()).register(MetricsSource.of("mine",
          w -> w.gauge("jvm_threads_current", "not the JVM's", 1)));
      HttpResponse<String> response = send(clash, "GET", "/metrics");
      assertEquals(500, response.statusCode(), response::body);
      assertTrue(response.body().contains("\"status\":\"fail\""), response.body());
    } finally {
      own.shutdownTestKit();
    }
  }

  /**
   * What {@code promtool check metrics} may say about {@code /metrics}: SeaTunnel's own names break
   * two of its style rules (camelCase, a gauge ending in {@code _count}); they are kept for SeaTunnel's
   * dashboards. Anything else, or a parse error, fails.
   */
  private static final Pattern SEATUNNEL_NAMES_LINT = Pattern.compile(
      "(job_thread_pool_[A-Za-z_]+|job_S(ource|ink)[A-Za-z]+) metric names should be written in 'snake_case' not 'camelCase'"
          + "|(job|node)_count non-histogram and non-summary metrics should not have \"_count\" suffix");

  @Test
  void promtoolChecksTheTextFormat() throws Exception {
    Path promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst().orElse(null);
    if (promtool == null) {
      String reason = "promtool is not on PATH (.ci/test-promtool.sh installs Debian's prometheus package)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(reason + "; CI=true, so this fails instead of being skipped");
      }
      assumeTrue(false, reason + "; skipped");
    }
    String exposition = send(api, "GET", "/metrics").body();
    Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    try (var in = check.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(check.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
    // 0: clean; 3: lint problems only (checked below); anything else: it could not parse the text
    assertTrue(check.exitValue() == 0 || check.exitValue() == 3, "promtool exit " + check.exitValue() + ":\n" + said);
    List<String> problems = said.lines().filter(l -> !l.isBlank()).toList();
    assertFalse(problems.isEmpty() && check.exitValue() == 3, "exit 3 without a reason");
    problems.forEach(p -> assertTrue(SEATUNNEL_NAMES_LINT.matcher(p).matches(), "promtool: " + p + "\nin:\n" + said));
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("job_count ")), "the check saw the SeaTunnel names: " + said);
  }

  @Test
  void writerEscapesAndRefusesBadNames() throws Exception {
    MetricsWriter w = new MetricsWriter();
    w.gauges("a_b", "help with \\ and\nnewline").sample(1.5, "l", "back\\slash\nline");
    w.counters("c_total", "a counter").sample(2);
    w.gauges("d_info", "facts").sample(1, "version", "1");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(w.snapshots()));
    assertEquals("""
        # HELP a_b help with \\\\ and\\nnewline
        # TYPE a_b gauge
        a_b{l="back\\\\slash\\nline"} 1.5
        # HELP c_total a counter
        # TYPE c_total counter
        c_total 2.0
        # HELP d_info facts
        # TYPE d_info gauge
        d_info{version="1"} 1
        """, out.toString(StandardCharsets.UTF_8));
    assertThrows(IllegalStateException.class, () -> w.gauge("a_b", "again", 1));
    assertThrows(IllegalArgumentException.class, () -> w.gauge("1bad", "h", 1));
    assertThrows(IllegalArgumentException.class, () -> w.counter("no_suffix", "h", 1));
    assertThrows(IllegalArgumentException.class, () -> w.gauges("e_info", "h").sample(2));
    assertThrows(IllegalArgumentException.class, () -> w.gauges("f", "h").sample(1, "l", "x").sample(2, "l", "x"));
  }
}
