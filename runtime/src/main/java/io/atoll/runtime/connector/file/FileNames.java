package io.atoll.runtime.connector.file;

import io.atoll.protocol.connector.WriterContext;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output file names, as SeaTunnel's {@code file_name_expression}: {@code ${transactionId}},
 * {@code ${now}} (formatted by {@code filename_time_format}) and {@code ${uuid}}. The transaction
 * id is SeaTunnel's {@code T_<job>_<pipeline>_<subtask>_<checkpoint>} for a transactional writer
 * (one file per checkpoint; checkpoint ids never repeat within a pipeline, across attempts too),
 * and {@code T_<job>_<pipeline>_<subtask>_a<attempt>} for a writer without transactions (one file
 * per attempt). Like SeaTunnel with transactions on, a name that lacks it gets it as a prefix —
 * here always, so two subtasks, checkpoints or attempts never write the same file whatever the
 * expression.
 */
final class FileNames {
  static final List<String> VARIABLES = List.of("transactionId", "now", "uuid");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private FileNames() {}

  /** The transaction of one checkpoint's output. */
  static String transactionId(WriterContext context, long checkpointId) {
    return subtaskPrefix(context) + "_" + checkpointId;
  }

  /** The output of one attempt, for a writer without transactions. */
  static String attemptId(WriterContext context) {
    return subtaskPrefix(context) + "_a" + context.job().attempt();
  }

  /** {@code T_<job>_<pipeline>_<subtask>}: names this subtask's temp directory too. */
  static String subtaskPrefix(WriterContext context) {
    return "T_" + context.job().jobId() + "_" + context.job().pipelineId() + "_" + context.subtaskIndex();
  }

  /** The variables in an expression that are not known, for validation. */
  static List<String> unknownVariables(String expression) {
    List<String> unknown = new ArrayList<>();
    Matcher m = VARIABLE.matcher(expression);
    while (m.find()) {
      if (!VARIABLES.contains(m.group(1))) {
        unknown.add(m.group(1));
      }
    }
    return unknown;
  }

  /**
   * The name of part {@code part} of a transaction's output (a part per {@code batch_size} rows and
   * partition directory): parts after the first get {@code _<part>}; the format's extension and
   * the compression's suffix follow.
   */
  static String fileName(LocalFileSinkSettings settings, String transactionId, LocalDateTime now, int part) {
    String base = transactionId;
    if (settings.customFilename()) {
      Map<String, String> values = Map.of(
          "transactionId", transactionId,
          "now", DateTimeFormatter.ofPattern(settings.filenameTimeFormat()).format(now),
          "uuid", UUID.randomUUID().toString());
      base = VARIABLE.matcher(settings.fileNameExpression())
          .replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1))));
      if (!base.contains(transactionId)) {
        base = transactionId + "_" + base;
      }
    }
    return base + (part > 0 ? "_" + part : "") + "." + settings.format().extension()
        + settings.compression().suffix();
  }
}
