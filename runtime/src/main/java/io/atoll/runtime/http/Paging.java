package io.atoll.runtime.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ?page=&size=} of a job list: page numbers start at 1, a page holds at most
 * {@value #MAX_SIZE} jobs. Without either parameter the list is not paged (SeaTunnel's plain array).
 */
record Paging(int page, int size) {
  static final int DEFAULT_SIZE = 20;
  static final int MAX_SIZE = 1000;

  /** @throws ApiException (400) for another parameter, one given twice, or a value out of range */
  static Optional<Paging> parse(List<Map.Entry<String, String>> query) {
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, String> p : query) {
      if (!p.getKey().equals("page") && !p.getKey().equals("size")) {
        throw ApiException.badRequest("unknown query parameter '" + p.getKey() + "'; job lists take page and size, "
            + "e.g. ?page=1&size=" + DEFAULT_SIZE);
      }
      if (params.putIfAbsent(p.getKey(), p.getValue()) != null) {
        throw ApiException.badRequest("query parameter '" + p.getKey() + "' is given twice; give it once");
      }
    }
    if (params.isEmpty()) {
      return Optional.empty();
    }
    int page = number(params.getOrDefault("page", "1"), "page", Integer.MAX_VALUE);
    int size = number(params.getOrDefault("size", Integer.toString(DEFAULT_SIZE)), "size", MAX_SIZE);
    return Optional.of(new Paging(page, size));
  }

  /** The items of this page; empty past the last one. */
  <T> List<T> of(List<T> all) {
    long from = (long) (page - 1) * size;
    if (from >= all.size()) {
      return List.of();
    }
    return all.subList((int) from, (int) Math.min(all.size(), from + size));
  }

  private static int number(String text, String name, int max) {
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a whole number from 1 to " + max + ", got '" + text + "'");
    }
    if (value < 1 || value > max) {
      throw ApiException.badRequest(name + " must be from 1 to " + max + ", got " + value);
    }
    return value;
  }
}
