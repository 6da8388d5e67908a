package io.atoll.runtime.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which file {@code atoll run} runs and which holds its node settings. Atoll's {@code --config} is
 * node settings, as for a node; SeaTunnel's is the job ({@code seatunnel.sh -c job.conf}). Both
 * habits work:
 * <ul>
 *   <li>{@code run JOBFILE [--config SETTINGS]}: as always;
 *   <li>{@code run --config JOBFILE} (or {@code -c}) without a JOBFILE, the file having a top-level
 *       {@code source} or {@code sink} (or not parsing at all: the job parser then says where): it is
 *       the job, and the run says so once on stderr;
 *   <li>a job file given as {@code --config} beside a JOBFILE, or a settings file as {@code --config}
 *       without one: a usage error saying which is which.
 * </ul>
 *
 * @param job the job file to run
 * @param settings the node settings file, if any
 * @param note what to tell the user on stderr about the choice, if anything
 */
record RunFiles(Path job, Optional<Path> settings, Optional<String> note) {

  /**
   * @param jobFile the positional JOBFILE, or null
   * @param config {@code --config}/{@code -c}, or null
   * @throws IllegalArgumentException saying what is missing or misplaced
   */
  static RunFiles of(Path jobFile, Path config) {
    if (jobFile != null) {
      if (config != null && isJobFile(config)) {
        throw new IllegalArgumentException("--config " + config + " is a job file (it has a source or sink block), "
            + "and JOBFILE " + jobFile + " is given too: beside a JOBFILE, --config takes node settings "
            + "(atoll.* / akka.*); run one job file: atoll run " + jobFile + " (or atoll run -c " + config + ")");
      }
      return new RunFiles(jobFile, Optional.ofNullable(config), Optional.empty());
    }
    if (config == null) {
      throw new IllegalArgumentException("Missing required parameter: 'JOBFILE' (or -c JOBFILE)");
    }
    if (isSettingsFile(config)) {
      throw new IllegalArgumentException("Missing required parameter: 'JOBFILE': --config " + config
          + " has no source or sink block, so it is node settings; give the job file too: atoll run --config "
          + config + " JOBFILE");
    }
    return new RunFiles(config, Optional.empty(), Optional.of("atoll: running --config " + config
        + " as the job file (as seatunnel.sh -c does); node settings go in --config FILE beside a job file: "
        + "atoll run --config SETTINGS.conf " + config));
  }

  /** A file that parses as HOCON (or JSON) with a top-level {@code source} or {@code sink}. */
  private static boolean isJobFile(Path file) {
    return parse(file).map(root -> root.containsKey("source") || root.containsKey("sink")).orElse(false);
  }

  /** A file that parses and has neither {@code source} nor {@code sink}. */
  private static boolean isSettingsFile(Path file) {
    return parse(file).map(root -> !root.containsKey("source") && !root.containsKey("sink")).orElse(false);
  }

  /** The file's top level, unresolved; empty when it cannot be read or parsed (its reader reports that). */
  private static Optional<ConfigObject> parse(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
          .root());
    } catch (ConfigException e) {
      return Optional.empty();
    }
  }
}
