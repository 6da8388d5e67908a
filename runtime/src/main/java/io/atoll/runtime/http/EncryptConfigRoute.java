package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.completeWithFuture;
import static akka.http.javadsl.server.Directives.extractRequestEntity;
import static akka.http.javadsl.server.Directives.path;
import static akka.http.javadsl.server.Directives.post;

import akka.http.javadsl.server.Route;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.runtime.job.config.ConfigShade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /encrypt-config}, as SeaTunnel's: the body is a job config in SeaTunnel's JSON form,
 * the answer the same config with its sensitive plugin options encoded by the shade its
 * {@code env.shade.identifier} names ({@link ConfigShade}); a node decodes them again when the job
 * is submitted. A config without a shade (or {@code default}) comes back as sent, as in SeaTunnel;
 * a shade Atoll does not know is a 400. Nothing is stored.
 */
final class EncryptConfigRoute {
  static final List<String> ENDPOINTS = List.of("POST /encrypt-config");
  static final List<String> BLOCKS = List.of("source", "transform", "sink");
  private static final String EXAMPLE = "send a job config as JSON, e.g. {\"env\": {\"shade.identifier\": \"base64\"}, "
      + "\"source\": [{\"plugin_name\": \"Jdbc\", \"password\": \"...\"}], \"sink\": [...]}";

  private final RequestBodies bodies;

  EncryptConfigRoute(RequestBodies bodies) {
    this.bodies = bodies;
  }

  Route route() {
    return path("encrypt-config", () -> post(() -> extractRequestEntity(entity -> completeWithFuture(
        Json.respond(() -> bodies.text(entity).thenApply(body -> encrypt(RequestBodies.jsonObject(body, EXAMPLE))))))));
  }

  /**
   * The config with its shaded options encoded; the body object itself is changed.
   *
   * @throws ApiException (400) for a shade Atoll does not know or a block of the wrong shape
   */
  static ObjectNode encrypt(ObjectNode config) {
    ConfigShade shade = shade(config.path("env"));
    if (!shade.shades()) {
      return config;
    }
    for (String block : BLOCKS) {
      JsonNode plugins = config.get(block);
      if (plugins == null || plugins.isNull()) {
        continue;
      }
      List<JsonNode> each = new ArrayList<>();
      if (plugins.isArray()) {
        plugins.forEach(each::add);
      } else if (plugins.isObject()) { // {"FakeSource": {...}}, as HOCON written as JSON
        plugins.fields().forEachRemaining(e -> each.add(e.getValue()));
      } else {
        throw ApiException.badRequest("'" + block + "' must be an array of plugin objects; " + EXAMPLE);
      }
      for (int i = 0; i < each.size(); i++) {
        if (!(each.get(i) instanceof ObjectNode plugin)) {
          throw ApiException.badRequest("'" + block + "' item " + i + " must be a plugin object; " + EXAMPLE);
        }
        for (Map.Entry<String, JsonNode> option : iterable(plugin)) {
          JsonNode value = option.getValue();
          if (shade.shaded(option.getKey()) && (value.isTextual() || value.isNumber())) {
            plugin.put(option.getKey(), shade.encrypt(value.asText()));
          }
        }
      }
    }
    return config;
  }

  private static ConfigShade shade(JsonNode env) {
    JsonNode identifier = env.has(ConfigShade.IDENTIFIER_KEY) ? env.get(ConfigShade.IDENTIFIER_KEY)
        : env.path("shade").path("identifier");
    JsonNode options = env.has(ConfigShade.OPTIONS_KEY) ? env.get(ConfigShade.OPTIONS_KEY)
        : env.path("shade").path("options");
    List<String> extra = new ArrayList<>();
    if (options.isArray()) {
      options.forEach(o -> extra.add(o.asText()));
    } else if (!options.isMissingNode() && !options.isNull()) {
      throw ApiException.badRequest("env." + ConfigShade.OPTIONS_KEY + " must be an array of option names, got "
          + options);
    }
    try {
      return ConfigShade.of(identifier.isMissingNode() || identifier.isNull() ? ConfigShade.NONE : identifier.asText(),
          extra);
    } catch (IllegalArgumentException unknown) {
      throw ApiException.badRequest("env." + ConfigShade.IDENTIFIER_KEY + ": " + unknown.getMessage());
    }
  }

  private static List<Map.Entry<String, JsonNode>> iterable(ObjectNode plugin) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    plugin.fields().forEachRemaining(fields::add);
    return fields;
  }
}
