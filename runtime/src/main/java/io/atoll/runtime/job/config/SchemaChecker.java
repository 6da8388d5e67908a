package io.atoll.runtime.job.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.atoll.protocol.connector.PluginFactory;
import io.atoll.protocol.connector.SinkFactory;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceFactory;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.RowType;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 *
 * <p>A table link carries one table, or several when a multi-table source ({@code tables_configs})
 * produces it. As in SeaTunnel 2.3.4, no transform reads a link of several tables, and a sink reads
 * either one such link or any number of single-table links, never both.
 */
final class SchemaChecker {
  private final Problems problems;
  private final Map<String, List<CatalogTable>> tableTypes = new HashMap<>();

  SchemaChecker(Problems problems) {
    this.problems = problems;
  }

  /** @param orderedTransforms transforms in topological order */
  void check(List<PluginBlock> sources, List<PluginBlock> orderedTransforms, List<PluginBlock> sinks) {
    for (PluginBlock source : sources) {
      if (source.factory != null) {
        boolean valid = source.optionsValid && new TablesConfigsChecker(problems).check(source)
            && validate(source, RowType.of());
        List<CatalogTable> produced = create(source, valid, () -> {
          Source created = ((SourceFactory) source.factory).createSource(source.orderedConfig());
          List<CatalogTable> tables = created.producedTables();
          if (!tables.isEmpty()) {
            return tables;
          }
          return created.producedType() == null ? null : List.of(CatalogTable.only(created.producedType()));
        });
        if (produced != null) {
          tableTypes.put(source.outputTable, produced);
        }
      }
    }
    for (PluginBlock transform : orderedTransforms) {
      String link = transform.inputTables.isEmpty() ? null : transform.inputTables.get(0);
      List<CatalogTable> inputs = link == null ? null : tableTypes.get(link);
      if (inputs != null && inputs.size() > 1) {
        problems.add(transform.line, transform.label(), "reads table '" + link + "', which carries the "
            + inputs.size() + " tables " + ids(inputs) + " of a multi-table source; SeaTunnel 2.3.4 adds no transform "
            + "to a multi-table source: read it with sinks, or give each table its own source and transform");
        continue;
      }
      CatalogTable input = inputs == null ? null : inputs.get(0);
      if (transform.factory != null && input != null) {
        boolean valid = transform.optionsValid && validate(transform, input.type());
        List<CatalogTable> produced = create(transform, valid, () -> {
          TransformFactory factory = (TransformFactory) transform.factory;
          Transform created = factory.createTransform(transform.orderedConfig(), input.type());
          RowType type = created.producedType();
          return type == null ? null : List.of(new CatalogTable(input.id(), type));
        });
        if (produced != null) {
          tableTypes.put(transform.outputTable, produced);
        }
      }
    }
    for (PluginBlock sink : sinks) {
      if (usable(sink)) {
        checkSink(sink);
      }
    }
  }

  private void checkSink(PluginBlock sink) {
    List<List<CatalogTable>> links = sink.inputTables.stream().map(tableTypes::get).filter(t -> t != null).toList();
    if (links.size() > 1 && links.stream().anyMatch(l -> l.size() > 1)) {
      problems.add(sink.line, sink.label(), "reads tables " + String.join(", ", sink.inputTables) + ", and one of "
          + "them carries several tables of a multi-table source; a sink reads one multi-table link alone "
          + "(SeaTunnel 2.3.4 refuses the mix too): give it its own sink");
      return;
    }
    if (links.size() == 1) { // its tables, with their ids and keys (Assert's catalog_table_rule reads them)
      SinkFactory factory = (SinkFactory) sink.factory;
      validate(sink, () -> factory.validate(sink.orderedConfig(), links.get(0)));
      return;
    }
    links.stream().map(l -> l.get(0).type()).distinct().forEach(input -> validate(sink, input));
  }

  private static String ids(List<CatalogTable> tables) {
    return "(" + String.join(", ", tables.stream().map(t -> String.valueOf(t.id())).toList()) + ")";
  }

  private static boolean usable(PluginBlock block) {
    return block.factory != null && block.optionsValid;
  }

  /** @return true when the plugin found nothing wrong */
  private boolean validate(PluginBlock block, RowType input) {
    return validate(block, () -> block.factory.validate(block.orderedConfig(), input));
  }

  private boolean validate(PluginBlock block, Supplier<List<String>> checks) {
    List<String> messages;
    try {
      messages = checks.get();
    } catch (RuntimeException | LinkageError e) {
      problems.add(line(e, block.line), block.label(), "its checks failed: " + describe(e));
      return false;
    }
    Set<String> distinct = new LinkedHashSet<>(messages == null ? List.of() : messages);
    boolean valid = true;
    for (String m : distinct) {
      if (m.startsWith(PluginFactory.WARNING)) {
        String warning = m.substring(PluginFactory.WARNING.length());
        problems.warn(optionLine(block, warning), block.label(), warning);
      } else {
        problems.add(optionLine(block, m), block.label(), m);
        valid = false;
      }
    }
    return valid;
  }

  private static final Pattern OPTION = Pattern.compile(
      "^option '([^'\\[]+)(?:\\[(\\d+)])?'(?: \\(table '[^']*'\\))?(?:: option '([^']+)')?");

  /**
   * The job file line of the option a message begins with ("option 'query': ..."), else the
   * block's. A list element ("option 'tables_configs[1]': ...") gives the element's line, or the
   * line of the element's option it names next ("option 'tables_configs[1]': option 'row.num' ...").
   */
  static int optionLine(PluginBlock block, String message) {
    Matcher m = OPTION.matcher(message);
    try {
      if (!m.find() || !block.config().hasPath(m.group(1))) {
        return block.line;
      }
      ConfigValue value = block.config().getValue(m.group(1));
      if (m.group(2) != null && value instanceof ConfigList list) {
        int i = Integer.parseInt(m.group(2));
        if (i >= list.size()) {
          return OptionChecker.line(value, block.line);
        }
        value = list.get(i);
        if (m.group(3) != null && value instanceof ConfigObject element
            && element.toConfig().hasPath(m.group(3))) {
          value = element.toConfig().getValue(m.group(3));
        }
      }
      return OptionChecker.line(value, block.line);
    } catch (ConfigException | NumberFormatException e) {
      return block.line;
    }
  }

  /**
   * @param valid whether the block passed its checks; when it did not, its problem is reported
   *     already and the schema is a best effort, so the plugins downstream are still checked in
   *     this same pass: a failure to build it would only repeat that problem, so it is not reported
   */
  private List<CatalogTable> create(PluginBlock block, boolean valid, PluginCall call) {
    List<CatalogTable> type;
    try {
      type = call.producedTables();
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

  /** Plugin code that creates a plugin instance and reports its produced tables (null: no schema). */
  @FunctionalInterface
  private interface PluginCall {
    List<CatalogTable> producedTables();
  }
}
