package io.atoll.runtime.cli;

import io.atoll.runtime.job.config.Problem;
import java.io.PrintWriter;
import java.util.List;

/** Prints what a job file gets away with (as SeaTunnel lets it) before the job starts, on stderr. */
final class JobWarnings {
  private JobWarnings() {}

  static void print(List<Problem> warnings, PrintWriter err) {
    if (warnings.isEmpty()) {
      return;
    }
    err.println("atoll: " + warnings.size() + (warnings.size() == 1 ? " warning" : " warnings")
        + " (accepted as SeaTunnel accepts them; --strict or env { strict = true } makes them errors):");
    warnings.forEach(w -> err.println("  warning: " + w));
    err.flush();
  }
}
