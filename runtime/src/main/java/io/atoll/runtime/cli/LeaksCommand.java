package io.atoll.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.runtime.resource.LeakDetectionLevel;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code atoll leaks --cluster HOST:PORT [--level off|simple|paranoid] [--node ADDR] [--json]}: every
 * node's tracked resources and recent leaks with their allocation site ({@code GET /leaks}), after
 * switching leak detection when asked ({@code POST /leak-detection}).
 */
@Command(
    name = "leaks",
    mixinStandardHelpOptions = true,
    description = "Show the resources each node of a running cluster holds and the leaks it found, with where "
        + "they were taken; with --level, switch leak detection first (no restart needed).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the nodes were shown (a node that did not answer is listed as unreachable)",
        "1:the cluster could not be reached or answered an error, or a node did not take the new level",
        "2:a wrong flag or level"})
public final class LeaksCommand extends ClusterCommand {
  /** Made on first use: picocli builds every command at start, and `--version` need not load Jackson. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  @Option(names = "--level", paramLabel = "LEVEL",
      description = "switch leak detection first: off (counts only), simple (the site of one acquisition in 16) "
          + "or paranoid (the site of every acquisition)")
  String level;

  @Option(names = "--node", paramLabel = "ADDRESS",
      description = "only this node (its cluster address or HOST:PORT, as listed): shown, and given --level")
  String node;

  @Option(names = "--json", description = "print GET /leaks' JSON instead of the tables")
  boolean json;

  @Override
  int run(ClusterClient client, PrintWriter out, PrintWriter err) throws Exception {
    boolean allTookIt = true;
    if (level != null) {
      allTookIt = setLevel(client, checkedLevel(), json ? err : out, err);
    }
    String path = "/leaks" + (node == null ? "" : "?node=" + URLEncoder.encode(node.trim(), StandardCharsets.UTF_8));
    ClusterClient.Reply reply = client.get(path);
    if (!reply.ok() || !reply.body().isArray()) {
      throw new ClusterException("GET " + path + " on " + client.base() + " failed: " + reply.message()
          + " (HTTP " + reply.status() + ")");
    }
    if (json) {
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(reply.body()));
    } else {
      LeaksPrinter.print(reply.body(), out);
    }
    return allTookIt ? 0 : 1;
  }

  private LeakDetectionLevel checkedLevel() {
    try {
      return LeakDetectionLevel.parse(level);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--level: " + e.getMessage());
    }
  }

  /** Whether every node asked took the level; says so per node. */
  private boolean setLevel(ClusterClient client, LeakDetectionLevel newLevel, PrintWriter out, PrintWriter err)
      throws Exception {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("level", newLevel.configName());
    if (node != null) {
      body.put("node", node.trim());
    }
    ClusterClient.Reply reply = client.post("/leak-detection", "application/json", Json.MAPPER.writeValueAsString(body));
    if (!reply.ok()) {
      throw new ClusterException("POST /leak-detection on " + client.base() + " failed: " + reply.message()
          + " (HTTP " + reply.status() + ")");
    }
    boolean all = true;
    for (JsonNode n : reply.body().path("nodes")) {
      String address = n.path("address").asText();
      if (n.path("status").asText().equals("ok")) {
        out.println("leak detection on " + address + ": " + n.path("level").asText()
            + " (was " + n.path("previous").asText() + ")");
      } else {
        all = false;
        err.println("atoll: leak detection on " + address + " unchanged: " + n.path("status").asText() + ", "
            + n.path("message").asText());
      }
    }
    return all;
  }
}
