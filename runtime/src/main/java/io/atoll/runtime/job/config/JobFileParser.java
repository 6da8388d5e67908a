package io.atoll.runtime.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.atoll.protocol.connector.PluginFactory;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.job.config.EnvReader.EnvSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a SeaTunnel-style job file (HOCON or JSON: {@code env}, {@code source}, {@code transform},
 * {@code sink}) into a validated {@link JobDefinition}, or fails with every problem in it, each
 * naming the file, line and option. Nothing is submitted until this passes.
 *
 * <p>The steps: bound the nesting ({@link Nesting}), refuse includes in untrusted text
 * ({@link Includes}), keep duplicate plugin blocks apart and read key order in one walk
 * ({@link JobTextScan}), parse, fill variables ({@link Variables}), read {@code env} ({@link EnvReader}), check each plugin's options against
 * its factory ({@link OptionChecker}), link plugins by table ({@link TableLinker}), then compute
 * schemas along the links and let each plugin validate itself ({@link SchemaChecker}). What
 * SeaTunnel lets pass (unknown options, variables without a value) passes as a warning in the
 * {@link ParsedJob}, or is a problem in strict mode. A job {@code atoll submit} validated comes to
 * the cluster in a typed form and goes through the same checks from {@code env} on
 * ({@link #readSent}).
 *
 * <p>Typesafe Config forgets the order of an object's keys, which SeaTunnel jobs rely on (a
 * schema's column order). {@link JobTextScan} reads it back from the text, and each plugin's options
 * are carried as a typed tree in that order with each value's line ({@link OptionTreeReader});
 * plugins get a Config built from it ({@link PluginOptions}), on workers and in the checks here
 * alike, whose origins name this file and its lines.
 */
public final class JobFileParser {
  private static final Set<String> BLOCKS = Set.of("env", "source", "transform", "sink");

  private JobFileParser() {}

  public static JobDefinition parseFile(Path file, Map<String, String> variables, PluginRegistry registry)
      throws JobValidationException {
    return readFile(file, variables, false, registry).job();
  }

  /** Why a job file could not be read, in words rather than an exception's class name. */
  static String unreadable(IOException e) {
    if (e instanceof java.nio.charset.CharacterCodingException) {
      return "cannot be read: it is not UTF-8 text (a job file is HOCON or JSON in UTF-8)";
    } else if (e instanceof java.nio.file.NoSuchFileException) {
      return "cannot be read: no such file";
    } else if (e instanceof java.nio.file.AccessDeniedException) {
      return "cannot be read: permission denied";
    } else if ("Is a directory".equals(e.getMessage())) {
      return "cannot be read: it is a directory, not a file";
    }
    return "cannot be read: " + e;
  }

  /**
   * Reads a job file of this process's user: {@code ${NAME}} from {@code variables}, then the
   * environment; includes relative to the file's directory.
   *
   * @param strict whether warnings (unknown options, variables without a value) are errors, as with
   *     {@code env.strict = true}
   */
  public static ParsedJob readFile(Path file, Map<String, String> variables, boolean strict,
      PluginRegistry registry) throws JobValidationException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new JobValidationException(List.of(new Problem(file.toString(), 0, "job file", unreadable(e))));
    }
    Path directory = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), variables, System.getenv(), Includes.relativeTo(directory), strict, registry);
  }

  /**
   * Parses a job text of this process's user, with {@code ${NAME}} filled from {@code variables},
   * then the environment. Includes are refused: a text has no directory to include from.
   *
   * @param origin where the text came from, used in problems: a file path, {@code rest}, {@code api}
   */
  public static JobDefinition parseString(String text, String origin, Map<String, String> variables,
      PluginRegistry registry) throws JobValidationException {
    return parse(text, origin, variables, System.getenv(), null, false, registry).job();
  }

  /** {@link #readUntrusted}, not strict, without the warnings. */
  public static JobDefinition parseUntrusted(String text, String origin, Map<String, String> variables,
      PluginRegistry registry) throws JobValidationException {
    return readUntrusted(text, origin, variables, false, registry).job();
  }

  /**
   * Parses a job whose {@code ${NAME}} variables come from {@code variables} only, never from this
   * process's environment: for jobs submitted over the network, which must not read (and echo back
   * in job-info) the master's environment variables. Includes are refused with their line, as
   * they would read the server's files or URLs.
   */
  public static ParsedJob readUntrusted(String text, String origin, Map<String, String> variables,
      boolean strict, PluginRegistry registry) throws JobValidationException {
    return parse(text, origin, variables, Map.of(), null, strict, registry);
  }

  /** {@link #parseString} with the environment given, so tests need not depend on the real one. */
  static JobDefinition parse(String text, String origin, Map<String, String> variables,
      Map<String, String> environment, PluginRegistry registry) throws JobValidationException {
    return parse(text, origin, variables, environment, null, false, registry).job();
  }

  /** @param includer reads the file's includes; null refuses every include */
  static ParsedJob parse(String text, String origin, Map<String, String> variables,
      Map<String, String> environment, ConfigIncluder includer, boolean strict, PluginRegistry registry)
      throws JobValidationException {
    Problems problems = new Problems(origin);
    List<HoconLexer.Token> tokens = HoconLexer.tokens(text);
    if (!Nesting.check(tokens, problems)) {
      problems.throwIfAny(); // deeper walks would overflow the stack
    }
    if (includer == null) {
      Includes.refuse(tokens, problems);
      problems.throwIfAny(); // before Typesafe Config reads anything an include names
    }
    JobTextScan scan = JobTextScan.scan(text, tokens);
    Config parsed;
    try {
      parsed = ConfigFactory.parseString(scan.text(), ConfigParseOptions.defaults().setOriginDescription(origin)
          .setSyntax(ConfigSyntax.CONF).setIncluder(includer == null ? Includes.refusing() : includer));
    } catch (ConfigException e) {
      int line = e.origin() == null ? 0 : Math.max(0, e.origin().lineNumber());
      throw new JobValidationException(List.of(
          new Problem(origin, line, "syntax", JobTextScan.clean(ConfigMessages.withoutOrigin(e)))));
    }
    checkTopLevel(parsed.root(), problems);
    Config resolved = new Variables(variables, environment, problems).resolve(parsed, scan.substitutions());
    if (resolved == null) {
      problems.throwIfAny(); // resolve() reported why it could not resolve
    }
    ConfigObject root = resolved.root();
    List<PluginBlock> sources = PluginBlocks.read(root, PluginKind.SOURCE, scan, problems);
    List<PluginBlock> transforms = PluginBlocks.read(root, PluginKind.TRANSFORM, scan, problems);
    List<PluginBlock> sinks = PluginBlocks.read(root, PluginKind.SINK, scan, problems);
    requireOne(root.get("source"), PluginKind.SOURCE, sources, registry, problems);
    requireOne(root.get("sink"), PluginKind.SINK, sinks, registry, problems);
    return validate(root.get("env"), sources, transforms, sinks, strict, registry, problems);
  }

  /**
   * Validates a job sent in Atoll's typed form ({@link TypedJobJson}) against this process's
   * plugins, as a job file is validated: every problem cites the job file it was read from and
   * the option's line there. Its variables and includes were resolved where the file was read.
   *
   * @param origin names the body in problems about its shape ({@code rest})
   */
  public static ParsedJob readSent(String body, String origin, PluginRegistry registry)
      throws JobValidationException {
    TypedJobJson.Sent sent = TypedJobJson.read(body, origin);
    Problems problems = new Problems(sent.origin());
    Map<PluginKind, List<PluginBlock>> blocks = new EnumMap<>(PluginKind.class);
    for (PluginKind kind : PluginKind.values()) {
      blocks.put(kind, new ArrayList<>());
    }
    for (PluginDefinition p : sent.plugins()) {
      ConfigObject block = PluginOptions.config(sent.origin(), p.options()).root();
      blocks.get(p.kind()).add(new PluginBlock(p.kind(), p.name(), p.index(), p.line(), block, p.options(),
          sent.origin()));
    }
    requireOne(null, PluginKind.SOURCE, blocks.get(PluginKind.SOURCE), registry, problems);
    requireOne(null, PluginKind.SINK, blocks.get(PluginKind.SINK), registry, problems);
    ConfigValue env = ConfigValueFactory.fromMap(sent.env(), "env of " + sent.origin());
    return validate(env, blocks.get(PluginKind.SOURCE), blocks.get(PluginKind.TRANSFORM), blocks.get(PluginKind.SINK),
        sent.strict(), registry, problems);
  }

  /** Every check after reading: env, each plugin's options, table links, schemas; then the job. */
  private static ParsedJob validate(ConfigValue envBlock, List<PluginBlock> sources, List<PluginBlock> transforms,
      List<PluginBlock> sinks, boolean strict, PluginRegistry registry, Problems problems)
      throws JobValidationException {
    EnvSettings env = new EnvReader(problems).read(envBlock);
    sources = sources.stream().map(b -> env.shade().decrypt(b, problems)).toList();
    transforms = transforms.stream().map(b -> env.shade().decrypt(b, problems)).toList();
    sinks = sinks.stream().map(b -> env.shade().decrypt(b, problems)).toList();
    List<PluginBlock> all = new ArrayList<>(sources);
    all.addAll(transforms);
    all.addAll(sinks);
    all.forEach(block -> checkPlugin(block, registry, problems));
    new TableLinker(problems).link(sources, transforms, sinks);
    List<PluginBlock> ordered = TransformOrder.sort(transforms, problems);
    new SchemaChecker(problems).check(sources, ordered, sinks);
    if (strict || env.strict()) {
      problems.promoteWarnings(strict ? "with --strict" : "with env.strict = true");
    }
    problems.throwIfAny();
    return new ParsedJob(new JobDefinition(env.jobName(), env.mode(), env.parallelism(),
        env.checkpointIntervalMillis(), env.checkpointTimeoutMillis(), env.retryTimes(), env.retryIntervalSeconds(),
        env.tagFilter(), env.readLimitRowsPerSecond(), env.env(),
        all.stream().map(JobFileParser::definition).toList(), problems.origin()), problems.warnings());
  }

  private static void checkTopLevel(ConfigObject root, Problems problems) {
    for (Map.Entry<String, ConfigValue> e : root.entrySet()) {
      if (!BLOCKS.contains(e.getKey())) {
        problems.add(OptionChecker.line(e.getValue(), 0), "block '" + e.getKey() + "'",
            "is not part of a job file" + Suggestions.hint(e.getKey(), BLOCKS)
                + "; a job file has env, source, transform and sink");
      }
    }
  }

  /** @param block the kind's block as written; null when the job was not read from text */
  private static void requireOne(ConfigValue block, PluginKind kind, List<PluginBlock> blocks,
      PluginRegistry registry, Problems problems) {
    boolean malformed = block != null && !(block instanceof ConfigObject o && o.isEmpty())
        && !(block instanceof ConfigList l && l.isEmpty());
    if (blocks.isEmpty() && !malformed) { // a malformed block is reported already, by PluginBlocks
      problems.add(block == null ? 0 : OptionChecker.line(block, 0), "job",
          "has no " + kind.block() + ": add " + kind.block() + " { <Plugin> { ... } }; known " + kind.block()
              + " plugins: " + known(registry, kind));
    }
  }

  private static void checkPlugin(PluginBlock block, PluginRegistry registry, Problems problems) {
    Optional<PluginFactory> factory = registry.find(block.kind, block.name);
    if (factory.isEmpty()) {
      String otherKind = Arrays.stream(PluginKind.values())
          .filter(k -> k != block.kind && registry.find(k, block.name).isPresent())
          .map(k -> " ('" + block.name + "' is a " + k.block() + " plugin)").findFirst().orElse("");
      problems.add(block.line, block.label(), "unknown " + block.kind.block() + " plugin"
          + Suggestions.hint(block.name, registry.names(block.kind)) + otherKind + "; known "
          + block.kind.block() + " plugins: " + known(registry, block.kind));
      return;
    }
    block.factory = factory.get();
    OptionChecker checker = new OptionChecker(problems, block.label(), block.line);
    block.optionsValid = checker.check(block.block, OptionChecker.withCommon(factory.get().options()), false);
    Config config = block.config();
    if (block.optionsValid && config.hasPath("parallelism") && config.getInt("parallelism") < 1
        && factory.get().options().stream().noneMatch(o -> o.name().equals("parallelism"))) {
      problems.add(OptionChecker.line(config.getValue("parallelism"), block.line),
          block.label() + " option 'parallelism'", "must be at least 1, got " + config.getInt("parallelism"));
      block.optionsValid = false;
    }
  }

  private static String known(PluginRegistry registry, PluginKind kind) {
    List<String> names = registry.names(kind);
    return names.isEmpty() ? "(none installed)" : String.join(", ", names);
  }

  private static PluginDefinition definition(PluginBlock b) {
    return new PluginDefinition(b.kind, b.name, b.index, b.options,
        b.inputTables, b.kind == PluginKind.SINK ? null : b.outputTable, b.line, b.origin);
  }
}
