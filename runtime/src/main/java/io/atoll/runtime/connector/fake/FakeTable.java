package io.atoll.runtime.connector.fake;

import com.typesafe.config.Config;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.runtime.connector.TableKeys;
import io.atoll.runtime.connector.TablesConfigs;
import java.util.ArrayList;
import java.util.List;

/**
 * One table a FakeSource generates. A single-table source has one, named by its {@code schema.table}
 * if given (else no id: the link's only table); with SeaTunnel's {@code tables_configs} each element
 * is a whole FakeSource config for the table named by its {@code schema.table}. Rows carry the id.
 */
record FakeTable(CatalogTable table, FakeSettings settings) {

  String id() {
    return table.id();
  }

  /** The tables of a FakeSource block, or null when {@code problems} received something. */
  static List<FakeTable> read(Config config, List<String> problems) {
    if (!TablesConfigs.present(config)) {
      FakeSettings settings = FakeSettingsReader.read(config, problems);
      return settings == null ? null : List.of(new FakeTable(
          TableKeys.table(TablesConfigs.singleTableId(config), settings.rowType(), config, problems), settings));
    }
    List<FakeTable> tables = new ArrayList<>();
    int before = problems.size();
    for (TablesConfigs.Element element : TablesConfigs.read(config, problems)) {
      List<String> own = new ArrayList<>();
      FakeSettings settings = FakeSettingsReader.read(element.config(), own);
      if (settings != null) {
        tables.add(new FakeTable(TableKeys.table(element.tableId(), settings.rowType(), element.config(), own), settings));
      }
      own.forEach(p -> problems.add(element.problem(p)));
    }
    return problems.size() > before ? null : tables;
  }
}
