package io.atoll.runtime;

import io.atoll.runtime.cli.NodeCommand;
import io.atoll.runtime.cli.RunCommand;
import io.atoll.runtime.cli.VersionProvider;
import io.atoll.runtime.logging.LogLevelSetting;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/** {@code java -jar runtime.jar ...}: see {@link NodeCommand} for the options. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (printedVersion(args, System.out)) {
      System.exit(0);
    }
    Optional<String> badLevel = LogLevelSetting.problem();
    if (badLevel.isPresent()) {
      System.err.println("atoll: " + badLevel.get());
      System.exit(2);
    }
    if (args.length > 0 && args[0].equals("run")) {
      readReferenceConfigAhead();
      System.exit(runCommand().execute(Arrays.copyOfRange(args, 1, args.length)));
    }
    System.exit(new CommandLine(new NodeCommand()).execute(args));
  }

  /**
   * {@code run}'s command line on its own, named as under {@code atoll}: a local run's time is
   * counted in tenths of a second, and building the model of every other command first costs ~80 ms.
   */
  static CommandLine runCommand() {
    return new CommandLine(new RunCommand()).setCommandName("atoll run");
  }

  /**
   * Parses every {@code reference.conf} on the class path on another core while picocli reads the
   * command line: the node's config needs it, and it is ~0.1 s of a local run's start. Typesafe
   * Config keeps the result for the class loader, so the node's load takes it from there. A failure
   * here is left to that load, which reports it.
   */
  private static void readReferenceConfigAhead() {
    Thread reader = new Thread(() -> {
      try {
        com.typesafe.config.ConfigFactory.defaultReference();
      } catch (RuntimeException reportedByTheNodesOwnLoad) {
        // the node's own load of the same config fails with it, and says so
      }
    }, "atoll-reference-config");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * {@code --version} (or {@code -V}) alone prints the same lines as picocli would, without building
   * the model of every command first: picocli reflects on each command's fields and methods, which
   * loads ~200 classes (the config library among them) and took half of the command's 0.3 s.
   */
  static boolean printedVersion(String[] args, PrintStream out) {
    if (args.length != 1 || !List.of("--version", "-V").contains(args[0])) {
      return false;
    }
    for (String line : new VersionProvider().getVersion()) {
      out.println(line);
    }
    out.flush();
    return true;
  }
}
