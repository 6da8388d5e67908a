package io.atoll.runtime.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.job.JobMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a job file's {@code env} block. The options Atoll uses are checked for type and range;
 * any other key (engine-specific ones such as {@code flink.*}, {@code jars}, {@code shade.identifier})
 * is accepted and kept for display, as SeaTunnel passes env through.
 */
final class EnvReader {
  /** SeaTunnel's default job name ({@code EnvCommonOptions.JOB_NAME}). */
  static final String DEFAULT_JOB_NAME = "SeaTunnel_Job";

  static final OptionSpec JOB_NAME = OptionSpec.key("job.name").defaultValue(DEFAULT_JOB_NAME)
      .description("the job's name");
  static final OptionSpec JOB_MODE = OptionSpec.key("job.mode").allowedValues("BATCH", "STREAMING")
      .defaultValue("BATCH").description("BATCH jobs end with their sources, STREAMING jobs run until stopped");
  static final OptionSpec PARALLELISM = OptionSpec.key("parallelism").type(OptionType.INT).defaultValue(1)
      .description("readers per source, at least 1");
  static final OptionSpec CHECKPOINT_INTERVAL = OptionSpec.key("checkpoint.interval").type(OptionType.DURATION)
      .description("time between checkpoints, milliseconds or a duration");
  static final OptionSpec CHECKPOINT_TIMEOUT = OptionSpec.key("checkpoint.timeout").type(OptionType.DURATION)
      .description("time a checkpoint may take, milliseconds or a duration");
  static final OptionSpec RETRY_TIMES = OptionSpec.key("job.retry.times").type(OptionType.INT).defaultValue(3)
      .description("restarts of a failed pipeline");
  static final OptionSpec RETRY_INTERVAL = OptionSpec.key("job.retry.interval.seconds").type(OptionType.INT)
      .defaultValue(3).description("seconds between restarts");
  static final OptionSpec TAG_FILTER = OptionSpec.key("tag_filter").type(OptionType.OBJECT)
      .description("worker tags the job's slots must carry");
  static final OptionSpec READ_LIMIT = OptionSpec.key("read_limit.rows_per_second").type(OptionType.LONG)
      .description("rows per second each reader may emit");

  static final OptionSpec STRICT = OptionSpec.key("strict").type(OptionType.BOOLEAN).defaultValue(false)
      .description("unknown options and variables without a value are errors, not warnings (as --strict)");

  static final OptionSpec SHADE_IDENTIFIER = OptionSpec.key(ConfigShade.IDENTIFIER_KEY).defaultValue(ConfigShade.NONE)
      .description("how the job's sensitive options are encrypted: default (not) or base64, as SeaTunnel's");
  static final OptionSpec SHADE_OPTIONS = OptionSpec.key(ConfigShade.OPTIONS_KEY).type(OptionType.STRING_LIST)
      .description("plugin options encrypted besides username, password, auth, token, access_key, secret_key");

  static final List<OptionSpec> OPTIONS = List.of(JOB_NAME, JOB_MODE, PARALLELISM, CHECKPOINT_INTERVAL,
      CHECKPOINT_TIMEOUT, RETRY_TIMES, RETRY_INTERVAL, TAG_FILTER, READ_LIMIT, STRICT, SHADE_IDENTIFIER, SHADE_OPTIONS);

  /** The env settings of a job; durations in milliseconds, 0 = not set. */
  record EnvSettings(String jobName, JobMode mode, int parallelism, long checkpointIntervalMillis,
      long checkpointTimeoutMillis, int retryTimes, int retryIntervalSeconds, Map<String, String> tagFilter,
      long readLimitRowsPerSecond, Map<String, String> env, boolean strict, ConfigShade shade) {}

  private final Problems problems;

  EnvReader(Problems problems) {
    this.problems = problems;
  }

  /** @param env the {@code env} value, or null when the file has none */
  EnvSettings read(ConfigValue env) {
    if (env != null && !(env instanceof ConfigObject)) {
      problems.add(OptionChecker.line(env, 0), "env", "must be a block env { ... }, got " + ConfigMessages.show(env));
      env = null;
    }
    ConfigObject block = env == null ? ConfigFactory.empty().root() : DottedKeys.expand((ConfigObject) env);
    int line = env == null ? 0 : OptionChecker.line(env, 0);
    if (!new OptionChecker(problems, "env", line).check(block, OPTIONS, true)) {
      // a mistyped value cannot be read; defaults stand in so the rest of the file is still checked
      block = withoutMistyped(block);
    }
    Config c = block.toConfig();
    return new EnvSettings(
        string(c, JOB_NAME),
        JobMode.valueOf(string(c, JOB_MODE).toUpperCase(Locale.ROOT)),
        (int) atLeast(c, PARALLELISM, 1),
        millis(c, CHECKPOINT_INTERVAL),
        millis(c, CHECKPOINT_TIMEOUT),
        (int) atLeast(c, RETRY_TIMES, 0),
        (int) atLeast(c, RETRY_INTERVAL, 0),
        tagFilter(c),
        c.hasPath(READ_LIMIT.name()) ? atLeast(c, READ_LIMIT, 1) : 0,
        display(c),
        c.hasPath(STRICT.name()) && c.getBoolean(STRICT.name()),
        shade(c));
  }

  /**
   * The job's config shade. The env shown for the job leaves {@code shade.*} out: the job is
   * decoded once it is read, and a job sent on in its typed form must not be decoded twice.
   */
  private ConfigShade shade(Config c) {
    List<String> extra = c.hasPath(SHADE_OPTIONS.name()) ? c.getStringList(SHADE_OPTIONS.name()) : List.of();
    try {
      return ConfigShade.of(string(c, SHADE_IDENTIFIER), extra);
    } catch (IllegalArgumentException unknown) {
      problems.add(OptionChecker.line(c.getValue(SHADE_IDENTIFIER.name()), 0),
          "env option '" + SHADE_IDENTIFIER.name() + "'", unknown.getMessage());
      return ConfigShade.PLAIN;
    }
  }

  private static ConfigObject withoutMistyped(ConfigObject block) {
    Config c = block.toConfig();
    for (OptionSpec spec : OPTIONS) {
      if (c.hasPath(spec.name()) && ValueTypes.mismatch(spec, c.getValue(spec.name())).isPresent()) {
        c = c.withoutPath(spec.name());
      }
    }
    return c.root();
  }

  private static String string(Config c, OptionSpec spec) {
    return c.hasPath(spec.name()) ? c.getString(spec.name()) : (String) spec.defaultValue();
  }

  private long atLeast(Config c, OptionSpec spec, long min) {
    if (!c.hasPath(spec.name())) {
      return ((Number) spec.defaultValue()).longValue();
    }
    long value = c.getLong(spec.name());
    if (value < min) {
      problems.add(OptionChecker.line(c.getValue(spec.name()), 0), "env option '" + spec.name() + "'",
          "must be at least " + min + ", got " + value);
      return spec.defaultValue() == null ? min : ((Number) spec.defaultValue()).longValue();
    }
    return value;
  }

  private long millis(Config c, OptionSpec spec) {
    if (!c.hasPath(spec.name())) {
      return 0;
    }
    long millis = ValueTypes.millis(c.getValue(spec.name()));
    if (millis <= 0) {
      problems.add(OptionChecker.line(c.getValue(spec.name()), 0), "env option '" + spec.name() + "'",
          "must be positive, got " + ConfigMessages.show(c.getValue(spec.name())) + "; leave it out to disable");
      return 0;
    }
    return millis;
  }

  private Map<String, String> tagFilter(Config c) {
    Map<String, String> tags = new TreeMap<>();
    if (!c.hasPath(TAG_FILTER.name())) {
      return tags;
    }
    for (Map.Entry<String, ConfigValue> e : c.getObject(TAG_FILTER.name()).entrySet()) {
      ConfigValueType type = e.getValue().valueType();
      if (type == ConfigValueType.OBJECT || type == ConfigValueType.LIST) {
        problems.add(OptionChecker.line(e.getValue(), 0), "env option 'tag_filter." + e.getKey() + "'",
            "a tag's value must be a string, got " + ConfigMessages.show(e.getValue()));
      } else {
        tags.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
      }
    }
    return tags;
  }

  /** Every env option as a string, by its full path, for display. */
  private static Map<String, String> display(Config c) {
    Map<String, String> env = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
      if (e.getKey().startsWith("shade.")) {
        continue;
      }
      ConfigValue v = e.getValue();
      env.put(e.getKey(), v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : v.render(ConfigRenderOptions.concise()));
    }
    return env;
  }
}
