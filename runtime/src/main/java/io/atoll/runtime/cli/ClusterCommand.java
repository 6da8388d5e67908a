package io.atoll.runtime.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What the commands that talk to a running cluster share: the {@code --cluster} address, and
 * turning a cluster that cannot be reached into one line and exit code 1, never a stack trace.
 */
abstract class ClusterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--cluster", required = true, paramLabel = "HOST:HTTP_PORT",
      description = "the REST API of a master node, e.g. 10.0.0.5:8080")
  String cluster;

  @Override
  public final Integer call() throws Exception {
    URI base;
    try {
      base = ClusterClient.address(cluster);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--cluster: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(new ClusterClient(base, Optional.ofNullable(System.getenv(ClusterClient.TOKEN_ENV))), out, err);
    } catch (ClusterException e) {
      err.println("atoll: " + e.getMessage());
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The command's work; its exit code. */
  abstract int run(ClusterClient client, PrintWriter out, PrintWriter err) throws Exception;
}
