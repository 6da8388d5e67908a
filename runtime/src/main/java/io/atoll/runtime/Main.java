package io.atoll.runtime;

import io.atoll.runtime.cli.NodeCommand;
import picocli.CommandLine;

/** {@code java -jar runtime.jar ...}: see {@link NodeCommand} for the options. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new NodeCommand()).execute(args));
  }
}
