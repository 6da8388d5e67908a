package io.atoll.runtime.job.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A job file that cannot run, with every problem found in it (not only the first), sorted by
 * line, so a user fixes the file in one pass.
 */
public final class JobValidationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  public JobValidationException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a validation failure needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
