package io.atoll.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET /leaks} as text: per node its level, a table of kinds (live, leaked, double releases)
 * and its most recent leaks, each with the first frames of its allocation site.
 */
final class LeaksPrinter {
  /** Recent leaks shown per node; {@code --json} has all the node keeps. */
  static final int RECENT = 10;
  /** Frames of an allocation site shown; the first outside Atoll's tracker is where it was taken. */
  static final int FRAMES = 4;
  private static final String[] HEADER = {"KIND", "LIVE", "LEAKED", "DOUBLE RELEASES"};

  private LeaksPrinter() {}

  static void print(JsonNode nodes, PrintWriter out) {
    if (nodes.isEmpty()) {
      out.println("no node answered: no NodeMonitor is registered yet (is the cluster still starting?)");
    }
    for (JsonNode node : nodes) {
      String address = node.path("address").asText();
      if (!node.path("status").asText().equals("ok")) {
        out.println("Node " + address + ": " + node.path("status").asText() + " (" + node.path("message").asText()
            + ")");
        out.println();
        continue;
      }
      out.println("Node " + address + "  leak detection: " + node.path("level").asText());
      table(node, out);
      recent(node.path("recentLeaks"), out);
      out.println();
    }
  }

  private static void table(JsonNode node, PrintWriter out) {
    TreeSet<String> kinds = new TreeSet<>();
    for (String field : List.of("live", "leaks", "doubleReleases")) {
      node.path(field).fieldNames().forEachRemaining(kinds::add);
    }
    if (kinds.isEmpty()) {
      out.println("  no tracked resources held, no leaks, no double releases");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (String kind : kinds) {
      rows.add(new String[] {kind, count(node, "live", kind), count(node, "leaks", kind),
          count(node, "doubleReleases", kind)});
    }
    int[] widths = new int[HEADER.length];
    rows.forEach(row -> {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    });
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ").append(String.format("%-" + widths[0] + "s", row[0]));
      for (int i = 1; i < row.length; i++) {
        line.append("  ").append(String.format("%" + widths[i] + "s", row[i]));
      }
      out.println(line);
    }
  }

  private static String count(JsonNode node, String field, String kind) {
    return Long.toString(node.path(field).path(kind).asLong(0));
  }

  private static void recent(JsonNode leaks, PrintWriter out) {
    if (leaks.isEmpty()) {
      return;
    }
    int from = Math.max(0, leaks.size() - RECENT);
    out.println("  Recent leaks (" + (leaks.size() - from) + " of the " + leaks.size() + " kept, newest last):");
    for (int i = from; i < leaks.size(); i++) {
      JsonNode leak = leaks.get(i);
      out.println("    " + ListCommand.time(leak.path("detectedAt").asLong()) + "  " + leak.path("kind").asText()
          + " '" + leak.path("description").asText() + "' of " + leak.path("owner").asText() + ", held "
          + leak.path("ageMillis").asLong() + " ms when " + leak.path("how").asText() + "; "
          + leak.path("outcome").asText());
      JsonNode site = leak.path("allocationSite");
      if (!site.isArray()) {
        out.println("      (allocation site not recorded: leak detection was off or the acquisition not sampled)");
        continue;
      }
      Iterator<JsonNode> frames = site.elements();
      for (int f = 0; f < FRAMES && frames.hasNext(); f++) {
        out.println("      at " + frames.next().asText());
      }
      if (site.size() > FRAMES) {
        out.println("      ... " + (site.size() - FRAMES) + " more frames (--json shows them)");
      }
    }
  }
}
