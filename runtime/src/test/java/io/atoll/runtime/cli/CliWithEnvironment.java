package io.atoll.runtime.cli;

import io.atoll.runtime.testing.CliRuns;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the command line in this JVM as {@link CliRuns} does, with {@code env} as the environment
 * its cluster commands read their credentials from (the process's own cannot be set in a test).
 */
final class CliWithEnvironment {
  private CliWithEnvironment() {}

  static CliRuns.Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        K made = CommandLine.defaultFactory().create(cls);
        if (made instanceof ClusterCommand command) {
          command.environment = env;
        }
        return made;
      }
    };
    CommandLine cli = new CommandLine(new NodeCommand(), factory);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new CliRuns.Result(code, out.toString(), err.toString());
  }
}
