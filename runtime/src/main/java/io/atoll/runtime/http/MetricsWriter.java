package io.atoll.runtime.http;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects one scrape's metric families from {@link MetricsSource}s as Prometheus client snapshots;
 * {@link MetricsRoute} writes them, with the JVM's, in the text format (0.0.4) or OpenMetrics. A
 * family is given once with all its samples; a name given twice, or not a valid Prometheus name, is
 * a bug and throws.
 *
 * <pre>{@code
 * writer.gauge("atoll_workers", "Live workers", 3);
 * writer.counters("atoll_slot_requests_total", "Slot requests by outcome")
 *     .sample(12, "outcome", "granted")
 *     .sample(1, "outcome", "refused");
 * }</pre>
 *
 * <p>A gauge whose name ends in {@code _info} (value 1, facts in its labels) is written as an info
 * family: {@code gauge} in the text format, {@code info} in OpenMetrics.
 */
public final class MetricsWriter {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final Map<String, Family> families = new LinkedHashMap<>();

  /** One family's samples. */
  public final class Family {
    private final String name;
    private final String help;
    private final String type;
    private final List<Labels> labels = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();

    private Family(String name, String help, String type) {
      this.name = name;
      this.help = help;
      this.type = type;
    }

    /** @param labels name-value pairs: {@code "job_id", "42", "job_name", "orders"} */
    public Family sample(double value, String... labels) {
      if (labels.length % 2 != 0) {
        throw new IllegalArgumentException("labels of " + name + " must be name-value pairs, got " + labels.length);
      }
      String[] names = new String[labels.length / 2];
      String[] labelValues = new String[labels.length / 2];
      for (int i = 0; i < labels.length; i += 2) {
        if (!LABEL.matcher(labels[i]).matches()) {
          throw new IllegalArgumentException("invalid label name '" + labels[i] + "' on " + name);
        }
        names[i / 2] = labels[i];
        labelValues[i / 2] = labels[i + 1];
      }
      if (type.equals("info") && value != 1) {
        throw new IllegalArgumentException(name + " is an info metric: its value is 1, got " + value);
      }
      Labels set = Labels.of(names, labelValues);
      if (this.labels.contains(set)) {
        throw new IllegalArgumentException("metric " + name + " has two samples labelled " + set);
      }
      this.labels.add(set);
      this.values.add(value);
      return this;
    }

    private MetricSnapshot snapshot() {
      switch (type) {
        case "counter" -> {
          CounterSnapshot.Builder b = CounterSnapshot.builder().name(strip(name, "_total")).help(help);
          for (int i = 0; i < values.size(); i++) {
            b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(values.get(i)).labels(labels.get(i)).build());
          }
          return b.build();
        }
        case "info" -> {
          InfoSnapshot.Builder b = InfoSnapshot.builder().name(strip(name, "_info")).help(help);
          labels.forEach(l -> b.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(l).build()));
          return b.build();
        }
        default -> {
          GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
          for (int i = 0; i < values.size(); i++) {
            b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(values.get(i)).labels(labels.get(i)).build());
          }
          return b.build();
        }
      }
    }
  }

  /** The client's counter and info snapshots are named without the suffix their exposition adds. */
  private static String strip(String name, String suffix) {
    return name.substring(0, name.length() - suffix.length());
  }

  /** A value that goes up and down. */
  public MetricsWriter gauge(String name, String help, double value) {
    gauges(name, help).sample(value);
    return this;
  }

  /** A value that only grows (until its process restarts); the name ends in {@code _total}. */
  public MetricsWriter counter(String name, String help, double value) {
    counters(name, help).sample(value);
    return this;
  }

  /** Gauges; a name ending in {@code _info} makes an info family, whose samples are all 1. */
  public Family gauges(String name, String help) {
    return family(name, help, name.endsWith("_info") ? "info" : "gauge");
  }

  public Family counters(String name, String help) {
    if (!name.endsWith("_total")) {
      throw new IllegalArgumentException("counter " + name + " must end in _total (Prometheus convention)");
    }
    return family(name, help, "counter");
  }

  /** The families written so far, in the order they were begun. */
  public List<MetricSnapshot> snapshots() {
    return families.values().stream().map(Family::snapshot).toList();
  }

  /** The names of the families written so far (counters with their {@code _total}). */
  public List<String> names() {
    return List.copyOf(families.keySet());
  }

  private Family family(String name, String help, String type) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metric name '" + name + "'");
    }
    if (families.containsKey(name)) {
      throw new IllegalStateException("metric " + name + " is written twice; each family must come from one source");
    }
    Family family = new Family(name, help, type);
    families.put(name, family);
    return family;
  }
}
