package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.send;
import static io.atoll.runtime.http.TestingJobCoordinator.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
