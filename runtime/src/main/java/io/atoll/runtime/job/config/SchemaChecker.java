package io.atoll.runtime.job.config;

import com.typesafe.config.ConfigException;
import io.atoll.protocol.connector.PluginFactory;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceFactory;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.RowType;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks the linked plugins from sources to sinks, computing each table's schema, and lets every
 * plugin check itself against the schema it will receive ({@link PluginFactory#validate}): a
 * transform naming a field its input lacks is found before submission, not on a worker.
 *
 * <p>A plugin whose options or checks are wrong is reported and still asked for its schema, so
 * a later plugin's problems appear in the same pass, not only once the first is fixed; a plugin
 * whose input schema is unknown because something upstream could not be built is skipped: its
 * problem is already reported and guessing would only add noise. Plugin
 * code may throw; that becomes a problem naming the plugin, never a stack trace for the user.
 */
final class SchemaChecker {
  private final Problems problems;
  private final Map<String, RowType> tableTypes = new HashMap<>();

  SchemaChecker(Problems problems) {
    this.problems = problems;
  }

  /** @param orderedTransforms transforms in topological order */
  void check(List<PluginBlock> sources, List<PluginBlock> orderedTransforms, List<PluginBlock> sinks) {
    for (PluginBlock source : sources) {
      if (source.factory != null) {
        boolean valid = source.optionsValid && validate(source, RowType.of());
        RowType produced = create(source, valid, () -> {
          Source created = ((SourceFactory) source.factory).createSource(source.orderedConfig());
          return created.producedType();
        });
        if (produced != null) {
          tableTypes.put(source.outputTable, produced);
        }
      }
    }
    for (PluginBlock transform : orderedTransforms) {
      RowType input = transform.inputTables.isEmpty() ? null : tableTypes.get(transform.inputTables.get(0));
      if (transform.factory != null && input != null) {
        boolean valid = transform.optionsValid && validate(transform, input);
        RowType produced = create(transform, valid, () -> {
          TransformFactory factory = (TransformFactory) transform.factory;
          Transform created = factory.createTransform(transform.orderedConfig(), input);
          return created.producedType();
        });
        if (produced != null) {
          tableTypes.put(transform.outputTable, produced);
        }
      }
    }
    for (PluginBlock sink : sinks) {
      if (usable(sink)) {
        sink.inputTables.stream().map(tableTypes::get).filter(t -> t != null).distinct()
            .forEach(input -> validate(sink, input));
      }
    }
  }

  private static boolean usable(PluginBlock block) {
    return block.factory != null && block.optionsValid;
  }

  /** @return true when the plugin found nothing wrong */
  private boolean validate(PluginBlock block, RowType input) {
    List<String> messages;
    try {
      messages = block.factory.validate(block.orderedConfig(), input);
    } catch (RuntimeException | LinkageError e) {
      problems.add(line(e, block.line), block.label(), "its checks failed: " + describe(e));
      return false;
    }
    Set<String> distinct = new LinkedHashSet<>(messages == null ? List.of() : messages);
    distinct.forEach(m -> problems.add(optionLine(block, m), block.label(), m));
    return distinct.isEmpty();
  }

  /** The job file line of the option a message begins with ("option 'query': ..."), else the block's. */
  private static int optionLine(PluginBlock block, String message) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^option '([^']+)'").matcher(message);
    try {
      return m.find() && block.config().hasPath(m.group(1))
          ? OptionChecker.line(block.config().getValue(m.group(1)), block.line) : block.line;
    } catch (ConfigException e) {
      return block.line;
    }
  }

  /**
   * @param valid whether the block passed its checks; when it did not, its problem is reported
   *     already and the schema is a best effort, so the plugins downstream are still checked in
   *     this same pass: a failure to build it would only repeat that problem, so it is not reported
   */
  private RowType create(PluginBlock block, boolean valid, PluginCall call) {
    RowType type;
    try {
      type = call.producedType();
    } catch (RuntimeException | LinkageError e) {
      if (!valid) {
        return null;
      }
      problems.add(line(e, block.line), block.label(), "could not be created from its options: " + describe(e));
      return null;
    }
    if (type == null && valid) {
      problems.add(block.line, block.label(), "plugin " + block.factory.getClass().getName()
          + " declared no schema for its rows (producedType() returned null)");
    }
    return type;
  }

  /**
   * A Typesafe message loses its "origin: line:" prefix: the problem carries the file and line
   * itself ({@link #line}).
   */
  private static String describe(Throwable e) {
    if (e.getMessage() == null) {
      return e.getClass().getName();
    }
    String message = e instanceof ConfigException c ? ConfigMessages.withoutOrigin(c) : e.getMessage();
    return e.getClass().getSimpleName() + ": " + message;
  }

  /**
   * The job file line a Typesafe exception names (plugins read {@link PluginBlock#orderedConfig()},
   * whose origins are the job file's lines), else the block's.
   */
  private static int line(Throwable e, int blockLine) {
    return e instanceof ConfigException c && c.origin() != null && c.origin().lineNumber() > 0
        ? c.origin().lineNumber() : blockLine;
  }

  /** Plugin code that creates a plugin instance and reports its produced schema. */
  @FunctionalInterface
  private interface PluginCall {
    RowType producedType();
  }
}
