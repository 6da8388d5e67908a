package io.atoll.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.runtime.cli.NodeCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  @Test
  void versionAlonePrintsWhatPicocliPrintsWithoutBuildingTheCommands() {
    StringWriter picocli = new StringWriter();
    CommandLine cli = new CommandLine(new NodeCommand());
    cli.setOut(new PrintWriter(picocli));
    assertEquals(0, cli.execute("--version"));

    for (String flag : new String[] {"--version", "-V"}) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      assertTrue(Main.printedVersion(new String[] {flag}, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
      assertEquals(picocli.toString(), bytes.toString(StandardCharsets.UTF_8), flag);
    }
  }

  @Test
  void runOnItsOwnHelpsAndRefusesAsUnderAtoll() {
    assertEquals(output(new CommandLine(new NodeCommand()), "run", "--help"), output(Main.runCommand(), "--help"));
    assertEquals(output(new CommandLine(new NodeCommand()), "run", "--no-such-flag"),
        output(Main.runCommand(), "--no-such-flag"));
    assertEquals(2, Main.runCommand().execute("--no-such-flag"));
  }

  private static String output(CommandLine cli, String... args) {
    StringWriter text = new StringWriter();
    cli.setOut(new PrintWriter(text));
    cli.setErr(new PrintWriter(text));
    cli.execute(args);
    return text.toString();
  }

  @Test
  void anythingElseGoesToPicocli() {
    PrintStream unused = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertFalse(Main.printedVersion(new String[] {"--version", "--help"}, unused));
    assertFalse(Main.printedVersion(new String[] {"run", "--version"}, unused));
    assertFalse(Main.printedVersion(new String[0], unused));
  }
}
