package io.atoll.runtime.http;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes Prometheus' text exposition format 0.0.4: per metric family one {@code # HELP} and one
 * {@code # TYPE} line, then its samples. A family is written in one go, so samples never end up
 * split from their family; a name given twice, or not a valid Prometheus name, is a bug and throws.
 *
 * <pre>{@code
 * writer.gauge("atoll_workers", "Live workers", 3);
 * writer.counters("atoll_slot_requests_total", "Slot requests by outcome")
 *     .sample(12, "outcome", "granted")
 *     .sample(1, "outcome", "refused");
 * }</pre>
 */
public final class MetricsWriter {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final StringBuilder out = new StringBuilder();
  private final Set<String> families = new HashSet<>();

  /** One labelled family's samples. */
  public final class Family {
    private final String name;

    private Family(String name) {
      this.name = name;
    }

    /** @param labels name-value pairs: {@code "job_id", "42", "job_name", "orders"} */
    public Family sample(double value, String... labels) {
      if (labels.length % 2 != 0) {
        throw new IllegalArgumentException("labels of " + name + " must be name-value pairs, got " + labels.length);
      }
      out.append(name);
      if (labels.length > 0) {
        out.append('{');
        for (int i = 0; i < labels.length; i += 2) {
          if (!LABEL.matcher(labels[i]).matches()) {
            throw new IllegalArgumentException("invalid label name '" + labels[i] + "' on " + name);
          }
          out.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(escapeLabel(labels[i + 1])).append('"');
        }
        out.append('}');
      }
      out.append(' ').append(number(value)).append('\n');
      return this;
    }
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

  public Family gauges(String name, String help) {
    return family(name, help, "gauge");
  }

  public Family counters(String name, String help) {
    if (!name.endsWith("_total")) {
      throw new IllegalArgumentException("counter " + name + " must end in _total (Prometheus convention)");
    }
    return family(name, help, "counter");
  }

  /** The text written so far. */
  public String text() {
    return out.toString();
  }

  private Family family(String name, String help, String type) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metric name '" + name + "'");
    }
    if (!families.add(name)) {
      throw new IllegalStateException("metric " + name + " is written twice; each family must come from one source");
    }
    out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return new Family(name);
  }

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  private static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String escapeLabel(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
