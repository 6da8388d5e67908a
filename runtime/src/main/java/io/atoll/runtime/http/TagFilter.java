package io.atoll.runtime.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query parameters as a worker tag filter, as SeaTunnel's {@code /overview?tag=value}: every
 * parameter is a tag the worker must carry with exactly that value.
 */
final class TagFilter {
  private TagFilter() {}

  /** @throws ApiException (400) for an empty tag name or a tag given twice */
  static Map<String, String> parse(List<Map.Entry<String, String>> parameters) {
    Map<String, String> filter = new LinkedHashMap<>();
    for (Map.Entry<String, String> p : parameters) {
      if (p.getKey().isBlank()) {
        throw ApiException.badRequest(
            "empty tag name in the query (=" + p.getValue() + "); filter workers by tags as ?zone=a&disk=ssd");
      }
      String previous = filter.putIfAbsent(p.getKey(), p.getValue());
      if (previous != null) {
        throw ApiException.badRequest(
            "tag '" + p.getKey() + "' is given twice (" + previous + ", " + p.getValue()
                + "); a worker has one value per tag, give each tag once");
      }
    }
    return Map.copyOf(filter);
  }
}
