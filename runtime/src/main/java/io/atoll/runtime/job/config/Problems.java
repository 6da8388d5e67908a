package io.atoll.runtime.job.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Collects the problems of one job file as validation walks it; validation never stops early.
 *
 * <p>Warnings are what SeaTunnel lets pass silently (an option nobody reads, a {@code ${name}}
 * with no value): Atoll accepts them too, but says so before the job starts. In strict mode
 * ({@code --strict}, {@code env.strict = true}) they are {@linkplain #promoteWarnings promoted}
 * to problems.
 */
final class Problems {
  private final String origin;
  private final List<Problem> list = new ArrayList<>();
  /** In the order found; a set, so a warning seen twice (e.g. a variable used twice on a line) is given once. */
  private final LinkedHashSet<Problem> warnings = new LinkedHashSet<>();

  Problems(String origin) {
    this.origin = origin;
  }

  String origin() {
    return origin;
  }

  void add(int line, String where, String message) {
    list.add(new Problem(origin, line, where, message));
  }

  void warn(int line, String where, String message) {
    warnings.add(new Problem(origin, line, where, message));
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  int size() {
    return list.size();
  }

  /** The warnings by line. */
  List<Problem> warnings() {
    List<Problem> sorted = new ArrayList<>(warnings);
    sorted.sort(Comparator.comparingInt(Problem::line));
    return List.copyOf(sorted);
  }

  /** Strict mode: every warning becomes a problem, saying why it is one. */
  void promoteWarnings(String because) {
    warnings.forEach(w -> list.add(new Problem(w.origin(), w.line(), w.where(), w.message() + " (an error " + because + ")")));
    warnings.clear();
  }

  /** Throws when anything was found; the sort is stable, so one line keeps the order found. */
  void throwIfAny() throws JobValidationException {
    if (!list.isEmpty()) {
      List<Problem> sorted = new ArrayList<>(list);
      sorted.sort(Comparator.comparingInt(Problem::line));
      throw new JobValidationException(sorted, warnings());
    }
  }
}
