package io.atoll.runtime;

import akka.actor.CoordinatedShutdown;
import io.atoll.runtime.cli.NodeCommand;
import picocli.CommandLine;

/** {@code java -jar runtime.jar ...}: see {@link NodeCommand} for the options. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new NodeCommand()).execute(args));
  }

  /** Exit code of a node whose ActorSystem has terminated: 0 for a requested stop, 1 otherwise. */
  public static int exitCodeFor(akka.actor.ActorSystem system) {
    return CoordinatedShutdown.get(system)
        .getShutdownReason()
        .map(reason -> reason == CoordinatedShutdown.clusterDowningReason() ? 1 : 0)
        .orElse(0);
  }
}
