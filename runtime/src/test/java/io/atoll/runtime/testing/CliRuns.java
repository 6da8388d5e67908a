package io.atoll.runtime.testing;

import io.atoll.runtime.cli.NodeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code atoll} command line in this JVM, as a user would from a shell, and keeps what it printed. */
public final class CliRuns {
  private CliRuns() {}

  /** What a command printed, and how it exited. */
  public record Result(int exitCode, String out, String err) {
    /** Both streams, for assertion messages. */
    public String all() {
      return out + err;
    }
  }

  /** e.g. {@code run("run", job.toString(), "-i", "dir=/tmp/x")}. */
  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new NodeCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }
}
