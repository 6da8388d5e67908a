package io.atoll.runtime.job.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one job file as validation walks it; validation never stops early. */
final class Problems {
  private final String origin;
  private final List<Problem> list = new ArrayList<>();

  Problems(String origin) {
    this.origin = origin;
  }

  String origin() {
    return origin;
  }

  void add(int line, String where, String message) {
    list.add(new Problem(origin, line, where, message));
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  int size() {
    return list.size();
  }

  /** Throws when anything was found; the sort is stable, so one line keeps the order found. */
  void throwIfAny() throws JobValidationException {
    if (!list.isEmpty()) {
      List<Problem> sorted = new ArrayList<>(list);
      sorted.sort(Comparator.comparingInt(Problem::line));
      throw new JobValidationException(sorted);
    }
  }
}
