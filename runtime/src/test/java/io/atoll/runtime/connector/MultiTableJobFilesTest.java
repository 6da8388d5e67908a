package io.atoll.runtime.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.runtime.testing.CliRuns;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-table job files in the style of SeaTunnel's e2e suites, run through {@code atoll run}:
 * FakeSource {@code tables_configs} checked per table by Assert, and a run whose per-table counts
 * are wrong fails.
 */
class MultiTableJobFilesTest {
  @TempDir
  Path tmp;

  static final String FAKE_TWO_TABLES = """
      env {
        job.mode = "BATCH"
        parallelism = 1
      }
      source {
        FakeSource {
          tables_configs = [
            {
              row.num = 12
              schema {
                table = "shop.orders"
                fields {
                  order_id = bigint
                  amount = "decimal(10, 2)"
                }
              }
            },
            {
              row.num = 5
              schema {
                table = "shop.customers"
                fields {
                  name = string
                  age = int
                }
              }
            }
          ]
        }
      }
      """;

  private int run(String name, String jobText, StringWriter out) throws Exception {
    Path job = Files.writeString(tmp.resolve(name), jobText);
    CliRuns.Result r = CliRuns.run("run", job.toString());
    out.write(r.all());
    return r.exitCode();
  }

  static String assertCounts(int orders, int customers, boolean catalogRule) {
    return """
        sink {
          Assert {
            rules {
              row_rules = [ { rule_type = MIN_ROW, rule_value = 17 }, { rule_type = MAX_ROW, rule_value = 17 } ]
              table-names = ["shop.orders", "shop.customers"]
              tables_configs = [
                {
                  table_path = "shop.orders"
                  row_rules = [
                    { rule_type = MIN_ROW, rule_value = %d },
                    { rule_type = MAX_ROW, rule_value = %d }
                  ]
                  field_rules = [
                    { field_name = order_id, field_type = bigint, field_value = [ { rule_type = NOT_NULL } ] }
                  ]
                },
                {
                  table_path = "shop.customers"
                  row_rules = [
                    { rule_type = MIN_ROW, rule_value = %d },
                    { rule_type = MAX_ROW, rule_value = %d }
                  ]
                  field_rules = [
                    { field_name = name, field_type = string, field_value = [ { rule_type = NOT_NULL } ] }
                  ]
                }
              ]
              %s
            }
          }
        }
        """.formatted(orders, orders, customers, customers, catalogRule ? """
        catalog_table_rule {
                column_rule = [ { name = order_id, type = bigint }, { name = amount, type = "decimal(10, 2)" } ]
              }""" : "");
  }

  @Test
  void fakeTablesCheckedPerTableByAssert() throws Exception {
    String job = FAKE_TWO_TABLES + assertCounts(12, 5, false);
    StringWriter out = new StringWriter();
    assertEquals(0, run("fake_multi_table_to_assert.conf", job, out), out.toString());
  }

  @Test
  void aWrongPerTableCountFailsTheJob() throws Exception {
    String job = FAKE_TWO_TABLES + assertCounts(12, 6, false);
    StringWriter out = new StringWriter();
    assertNotEquals(0, run("fake_multi_table_wrong_count.conf", job, out));
    assertTrue(out.toString().contains("Assert rule MIN_ROW (6) broken: the writer of subtask 0 received 5 rows of "
        + "table 'shop.customers'"), out.toString());
  }

  @Test
  void aCatalogTableRuleIsCheckedPerTableBeforeTheJobStarts() throws Exception {
    StringWriter out = new StringWriter();
    assertNotEquals(0, run("fake_multi_table_catalog_rule.conf", FAKE_TWO_TABLES + assertCounts(12, 5, true), out));
    assertTrue(out.toString().contains("option 'rules.catalog_table_rule.column_rule': the columns are "
        + "[name string, age int], the rule says [order_id bigint, amount decimal(10, 2)] (table 'shop.customers')"),
        out.toString());
    assertTrue(!out.toString().contains("(table 'shop.orders')"), out.toString());
  }

  @Test
  void fakeTablesWrittenPerTableDirectoryAndReadBackAsTwoTables() throws Exception {
    Path out = tmp.resolve("warehouse");
    StringWriter log = new StringWriter();
    assertEquals(0, run("fake_multi_table_to_file.conf", FAKE_TWO_TABLES + """
        sink {
          LocalFile {
            path = "%s/${database_name}/${table_name}"
            file_format_type = "json"
          }
        }
        """.formatted(out), log), log.toString());
    List<String> files;
    try (Stream<Path> walk = Files.walk(out)) {
      files = walk.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
    }
    assertEquals(2, files.size(), files.toString());
    assertTrue(files.get(0).matches("shop/customers/T_\\d+_\\d+_0_\\d+\\.json"), files.toString());
    assertTrue(files.get(1).matches("shop/orders/T_\\d+_\\d+_0_\\d+\\.json"), files.toString());
    assertEquals(5, Files.readAllLines(out.resolve(files.get(0))).size());
    assertEquals(12, Files.readAllLines(out.resolve(files.get(1))).size());

    String readBack = """
        env {
          job.mode = "BATCH"
        }
        source {
          LocalFile {
            tables_configs = [
              {
                path = "%1$s/shop/orders"
                file_format_type = "json"
                schema {
                  table = "shop.orders"
                  fields {
                    order_id = bigint
                    amount = "decimal(10, 2)"
                  }
                }
              },
              {
                path = "%1$s/shop/customers"
                file_format_type = "json"
                schema {
                  table = "shop.customers"
                  fields {
                    name = string
                    age = int
                  }
                }
              }
            ]
          }
        }
        """.formatted(out);
    StringWriter second = new StringWriter();
    assertEquals(0, run("file_multi_table_to_assert.conf", readBack + assertCounts(12, 5, false), second),
        second.toString());
    StringWriter wrong = new StringWriter();
    assertNotEquals(0, run("file_multi_table_wrong_count.conf", readBack + assertCounts(11, 5, false), wrong));
    assertTrue(wrong.toString().contains("Assert rule MAX_ROW (11) broken: the writer of subtask 0 received 12 rows "
        + "of table 'shop.orders'"), wrong.toString());
  }

  @Test
  void twoTablesIntoOneDirectoryAreRefused() throws Exception {
    StringWriter log = new StringWriter();
    assertNotEquals(0, run("fake_multi_table_one_dir.conf", FAKE_TWO_TABLES + """
        sink {
          LocalFile {
            path = "%s/${database_name}"
            file_format_type = "json"
          }
        }
        """.formatted(tmp.resolve("one")), log));
    assertTrue(log.toString().contains("option 'path': tables 'shop.orders' and 'shop.customers' would both be written "
        + "to '" + tmp.resolve("one") + "/shop'; put ${table_name} in path"), log.toString());
  }

  /** SeaTunnel's e2e style: columns-form schemas (their keys ignored), an implicit input, only table-names. */
  @Test
  void tableNamesAloneWithColumnsSchemas() throws Exception {
    String table = """
          {
            row.num = 4
            schema = {
              table = "%s"
              columns = [
                { name = id, type = bigint }
                { name = label, type = string }
              ]
              primaryKey = { name = "pk", columnNames = ["id"] }
            }
          }
        """;
    String job = """
        env {
          parallelism = 2
          job.mode = "BATCH"
        }
        source {
          FakeSource {
            plugin_output = "fake"
            tables_configs = [
        %s,
        %s
            ]
          }
        }
        sink {
          Assert {
            rules {
              table-names = ["inventory.items", "inventory.stock"]
              row_rules = [ { rule_type = MIN_ROW, rule_value = 8 }, { rule_type = MAX_ROW, rule_value = 8 } ]
            }
          }
        }
        """.formatted(table.formatted("inventory.items"), table.formatted("inventory.stock"));
    StringWriter out = new StringWriter();
    assertEquals(0, run("fake_tables_to_assert_table_names.conf", job, out), out.toString());
    StringWriter wrong = new StringWriter();
    assertNotEquals(0, run("fake_tables_wrong_names.conf", job.replace("\"inventory.stock\"]", "\"inventory.stok\"]"),
        wrong));
    assertTrue(wrong.toString().contains("Assert rule table-names [inventory.items, inventory.stok] broken"),
        wrong.toString());
  }

  /** A transform on a link of one named table: its new rows stay rows of that table. */
  @Test
  void aTransformKeepsItsNamedTable() throws Exception {
    String job = """
        env {
          job.mode = "BATCH"
        }
        source {
          FakeSource {
            plugin_output = "src"
            row.num = 6
            schema {
              table = "db.only"
              fields {
                id = int
                name = string
              }
            }
          }
        }
        transform {
          Sql {
            plugin_input = "src"
            plugin_output = "named"
            query = "select id, UPPER(name) as name from src"
          }
        }
        sink {
          Assert {
            plugin_input = "named"
            rules {
              table-names = ["db.only"]
              row_rules = [ { rule_type = MIN_ROW, rule_value = 6 }, { rule_type = MAX_ROW, rule_value = 6 } ]
            }
          }
        }
        """;
    StringWriter out = new StringWriter();
    assertEquals(0, run("fake_named_table_sql.conf", job, out), out.toString());
  }

  static final String KEYED_SOURCE = """
      env {
        job.mode = "BATCH"
      }
      source {
        FakeSource {
          row.num = 3
          schema = {
            table = "crm.accounts"
            columns = [
              { name = account_id, type = bigint }
              { name = owner, type = string }
            ]
            primaryKey = { name = "pk_accounts", columnNames = ["account_id"] }
            constraintKeys = [
              {
                constraintName = "uk_owner"
                constraintType = UNIQUE_KEY
                constraintColumns = [ { columnName = "owner", sortType = DESC } ]
              }
            ]
          }
        }
      }
      """;

  static String keyRules(String pkColumn) {
    return """
        sink {
          Assert {
            rules {
              catalog_table_rule {
                table_identifier_rule = { catalog_name = "FakeSource", table = "crm.accounts" }
                primary_key_rule = { primary_key_name = "pk_accounts", primary_key_columns = ["%s"] }
                constraint_key_rule = [
                  {
                    constraint_key_name = "uk_owner"
                    constraint_key_type = UNIQUE_KEY
                    constraint_key_columns = [ { constraint_key_column_name = "owner", constraint_key_sort_type = DESC } ]
                  }
                ]
                column_rule = [ { name = owner, type = string }, { name = account_id, type = bigint } ]
              }
            }
          }
        }
        """.formatted(pkColumn);
  }

  /** catalog_table_rule over a source declaring its keys, as SeaTunnel's catalog table e2e does. */
  @Test
  void catalogTableRuleChecksDeclaredKeys() throws Exception {
    StringWriter out = new StringWriter();
    assertEquals(0, run("fake_keys_to_assert.conf", KEYED_SOURCE + keyRules("account_id"), out), out.toString());
    StringWriter wrong = new StringWriter();
    assertNotEquals(0, run("fake_keys_wrong.conf", KEYED_SOURCE + keyRules("owner"), wrong));
    assertTrue(wrong.toString().contains("option 'rules.catalog_table_rule.primary_key_rule.primary_key_columns': "
        + "the primary key's columns are [account_id], the rule says [owner]"), wrong.toString());
  }
}
