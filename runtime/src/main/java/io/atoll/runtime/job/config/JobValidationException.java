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
  private final List<Problem> warnings;

  public JobValidationException(List<Problem> problems) {
    this(problems, List.of());
  }

  /** @param warnings what would have passed on its own (an unknown option...), shown with the problems */
  public JobValidationException(List<Problem> problems, List<Problem> warnings) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a validation failure needs at least one problem");
    }
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
  }

  public List<Problem> problems() {
    return problems;
  }

  /** The warnings found in the same pass: often the cause of a problem (a misspelt option left at its default). */
  public List<Problem> warnings() {
    return warnings;
  }
}
