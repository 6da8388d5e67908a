package io.atoll.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.OptionValue;
import io.atoll.protocol.job.PluginDefinition;
import java.util.TreeMap;

/**
 * Writes a validated job back as a SeaTunnel JSON job config, the body {@code atoll submit} posts
 * to {@code /submit-job}. SeaTunnel's REST API has no job variables, so the file is validated here
 * with the user's {@code -i} variables and what is sent is the result: every {@code ${...}} filled
 * in, by the same rules as {@code atoll run}, and the cluster validates it again with its plugins.
 *
 * <p>{@code env} is sent as the parser kept it (every option as a string, which the parser reads
 * back as the same number, duration or flag); each plugin block as its validated options, in
 * SeaTunnel's list form with {@code plugin_name}, so several blocks of one plugin stay apart.
 */
final class JobConfigJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JobConfigJson() {}

  static String render(JobDefinition job) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode env = root.putObject("env");
    new TreeMap<>(job.env()).forEach(env::put);
    env.put("job.name", job.jobName()); // also when it was left at its default: the name shown is the name sent
    for (PluginKind kind : PluginKind.values()) {
      if (kind == PluginKind.TRANSFORM && job.plugins(kind).isEmpty()) {
        continue;
      }
      ArrayNode blocks = root.putArray(kind.block());
      for (PluginDefinition plugin : job.plugins(kind)) {
        ObjectNode block = blocks.addObject();
        block.put("plugin_name", plugin.name());
        block.setAll(options(plugin));
      }
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the job as JSON: " + e.getMessage(), e);
    }
  }

  private static ObjectNode options(PluginDefinition plugin) {
    return (ObjectNode) plain(plugin.options());
  }

  /** An option value as plain JSON, keys in the file's order. */
  private static JsonNode plain(OptionValue value) {
    if (value instanceof OptionValue.ObjectOf object) {
      ObjectNode node = MAPPER.createObjectNode();
      object.members().forEach(m -> node.set(m.key(), plain(m.value())));
      return node;
    } else if (value instanceof OptionValue.ListOf list) {
      ArrayNode node = MAPPER.createArrayNode();
      list.items().forEach(i -> node.add(plain(i)));
      return node;
    } else if (value instanceof OptionValue.Text text) {
      return node(text.value());
    } else if (value instanceof OptionValue.Numeric number) {
      Number n = number.number();
      return n instanceof Double d ? MAPPER.getNodeFactory().numberNode(d) : MAPPER.getNodeFactory().numberNode(n.longValue());
    } else if (value instanceof OptionValue.Bool bool) {
      return MAPPER.getNodeFactory().booleanNode(bool.value());
    }
    return MAPPER.getNodeFactory().nullNode();
  }

  private static JsonNode node(String text) {
    return MAPPER.getNodeFactory().textNode(text);
  }
}
