package io.atoll.protocol.connector;

import io.atoll.protocol.WireMessage;
import java.util.Map;
import java.util.Objects;

/**
 * A unit of a source's work, handed from the enumerator to a reader (possibly on another node, so
 * it travels over the wire). Plugins describe it with string attributes rather than their own
 * classes, so no plugin class needs a Kryo registration.
 */
public record SourceSplit(String splitId, Map<String, String> attributes) implements WireMessage {
  public SourceSplit {
    Objects.requireNonNull(splitId, "splitId");
    attributes = Map.copyOf(attributes);
  }

  public String attribute(String key) {
    String value = attributes.get(key);
    if (value == null) {
      throw new IllegalStateException("split " + splitId + " has no attribute '" + key + "'");
    }
    return value;
  }
}
