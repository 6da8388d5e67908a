package io.atoll.runtime.connector.file;

import io.atoll.protocol.connector.PluginFactory;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which columns the LocalFile sink writes and which directory a row goes to, as SeaTunnel's
 * {@code sink_columns}, {@code partition_by}, {@code partition_dir_expression} and
 * {@code is_partition_field_write_in_file}: the sink columns (default all, matched
 * case-insensitively, in the order listed) minus the partition fields unless they are written in
 * the file too; the partition directory {@code k0=v0/k1=v1/...} or the expression with
 * {@code ${kN}} / {@code ${vN}} replaced by the N-th partition field's name and value (null is
 * written "null", as SeaTunnel does).
 *
 * @param written indexes of the written columns in the input row
 * @param partition indexes of the partition fields in the input row
 */
record SinkLayout(RowType writtenType, int[] written, List<String> partitionNames, int[] partition,
    String expression) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([kv])(\\d+)}");

  /** The layout, or null with the problems added, each naming its option. */
  static SinkLayout of(LocalFileSinkSettings s, RowType input, List<String> problems) {
    int before = problems.size();
    List<String> columns = s.sinkColumns().isEmpty() ? input.names() : s.sinkColumns();
    List<Integer> written = new ArrayList<>();
    for (String column : columns) {
      int index = indexOf(input, column);
      if (index < 0) {
        problems.add("option 'sink_columns': no field '" + column + "' in the input; it has " + input.names());
      } else {
        written.add(index);
      }
    }
    List<String> partitionNames = new ArrayList<>();
    int[] partition = new int[s.partitionBy().size()];
    for (int i = 0; i < partition.length; i++) {
      String field = s.partitionBy().get(i);
      partition[i] = indexOf(input, field);
      if (partition[i] < 0) {
        problems.add("option 'partition_by': no field '" + field + "' in the input; it has " + input.names());
      } else if (!written.contains(partition[i])) {
        problems.add("option 'partition_by': field '" + field + "' must be one of the sink_columns " + columns);
      } else {
        partitionNames.add(input.names().get(partition[i]));
        if (!s.partitionFieldInFile()) {
          written.remove(Integer.valueOf(partition[i]));
        }
      }
    }
    String expression = s.partitionDirExpression();
    if (expression != null && partition.length == 0) {
      // SeaTunnel writes no partition directories without partition_by, whatever the expression says
      problems.add(PluginFactory.WARNING + "option 'partition_dir_expression' has no effect without partition_by");
      expression = null;
    } else if (expression != null) {
      Matcher m = PLACEHOLDER.matcher(expression);
      while (m.find()) {
        if (Integer.parseInt(m.group(2)) >= partition.length) {
          problems.add("option 'partition_dir_expression': " + m.group() + " but partition_by names "
              + partition.length + " field(s), counted from 0");
        }
      }
    }
    if (written.isEmpty() && !PluginFactory.problemsSince(problems, before)) {
      problems.add("option 'sink_columns': no column left to write once the partition fields are removed; "
          + "set is_partition_field_write_in_file = true or list more sink_columns");
    }
    if (PluginFactory.problemsSince(problems, before)) {
      return null;
    }
    int[] idx = written.stream().mapToInt(Integer::intValue).toArray();
    List<RowType.Field> fields = new ArrayList<>();
    for (int i : idx) {
      fields.add(input.fields().get(i));
    }
    return new SinkLayout(new RowType(fields), idx, List.copyOf(partitionNames), partition, expression);
  }

  private static int indexOf(RowType type, String name) {
    int exact = type.indexOf(name);
    if (exact >= 0) {
      return exact;
    }
    List<String> names = type.names();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    return -1;
  }

  /** The written columns of a row. */
  Row project(Row row) {
    Object[] values = new Object[written.length];
    for (int i = 0; i < written.length; i++) {
      values[i] = row.field(written[i]);
    }
    return new Row(row.kind(), values);
  }

  /** The row's directory below {@code path}, "" without partitions; '/'-separated, no leading or trailing '/'. */
  String partitionDir(Row row) {
    if (partition.length == 0) {
      return "";
    }
    String dir;
    if (expression == null) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < partition.length; i++) {
        b.append(i > 0 ? "/" : "").append(partitionNames.get(i)).append('=').append(row.field(partition[i]));
      }
      dir = b.toString();
    } else {
      dir = PLACEHOLDER.matcher(expression).replaceAll(m -> {
        int i = Integer.parseInt(m.group(2));
        String value = m.group(1).equals("k") ? partitionNames.get(i) : String.valueOf(row.field(partition[i]));
        return Matcher.quoteReplacement(value);
      });
    }
    return dir.replaceAll("^/+|/+$", "");
  }



}
