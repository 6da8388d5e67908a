package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The help of every command as picocli renders it: picocli fills {@code ${...}} in descriptions
 * from system properties and the environment, and an unknown name renders as nothing, so a help
 * text that means a literal {@code ${NAME}} has to say so.
 */
class CliHelpTest {

  @Test
  void variableHelpShowsThePlaceholderItFills() {
    for (String command : new String[] {"run", "submit"}) {
      String help = help(command);
      assertTrue(help.contains("fills ${NAME} in the job file"), command + " --help:\n" + help);
    }
  }

  @Test
  void noHelpTextHasAnEmptyPlaceholderWhereADollarBraceWasMeant() {
    CommandLine atoll = new CommandLine(new NodeCommand());
    for (Map.Entry<String, CommandLine> sub : atoll.getSubcommands().entrySet()) {
      String help = help(sub.getKey());
      // what picocli leaves of "fills ${NAME} in" when it swallows the placeholder
      assertFalse(help.replaceAll("\\s+", " ").contains("fills in"), sub.getKey() + ":\n" + help);
    }
    assertTrue(help("submit").contains("(default: 120)"), "picocli's own ${DEFAULT-VALUE} still works:\n" + help("submit"));
  }

  static String help(String command) {
    StringWriter text = new StringWriter();
    CommandLine atoll = new CommandLine(new NodeCommand());
    atoll.setOut(new PrintWriter(text));
    atoll.setErr(new PrintWriter(text));
    atoll.execute(command, "--help");
    return text.toString();
  }
}
