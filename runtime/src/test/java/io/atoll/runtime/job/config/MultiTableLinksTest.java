package io.atoll.runtime.job.config;

import static io.atoll.runtime.job.config.JobFiles.at;
import static io.atoll.runtime.job.config.JobFiles.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Links carrying several tables (a multi-table source): what SeaTunnel 2.3.4 refuses is refused, with lines. */
class MultiTableLinksTest {
  private static final String TWO_TABLES = """
      env { job.mode = "BATCH" }
      source {
        FakeSource {
          plugin_output = "fake"
          tables_configs = [
            {
              schema {
                table = "db.t1"
                fields { id = int }
              }
            },
            {
              row.num = -3
              schema {
                table = "db.t2"
                fields { name = string }
              }
            }
          ]
        }
      }
      """;

  @Test
  void aProblemOfAnElementCitesItsLine() {
    List<Problem> problems = problems(TWO_TABLES + "sink { Console {} }\n");
    Problem p = at(problems, "source[0] FakeSource");
    assertEquals(13, p.line(), p.toString());
    assertEquals("option 'tables_configs[1]' (table 'db.t2'): option 'row.num' must be at least 0, got -3", p.message());
  }

  @Test
  void aTransformOnAMultiTableLinkIsRefusedNamingItsLine() {
    String job = TWO_TABLES.replace("row.num = -3", "row.num = 3") + """
        transform {
          Filter {
            plugin_input = "fake"
            plugin_output = "kept"
            include_fields = [id]
          }
        }
        sink { Console { plugin_input = "kept" } }
        """;
    List<Problem> problems = problems(job);
    Problem p = at(problems, "transform[0] Filter");
    assertEquals(23, p.line(), p.toString());
    assertTrue(p.message().startsWith("reads table 'fake', which carries the 2 tables (db.t1, db.t2) of a "
        + "multi-table source; SeaTunnel 2.3.4 adds no transform to a multi-table source"), p.message());
  }

  @Test
  void aSinkMixingAMultiTableLinkWithAnotherIsRefused() {
    String job = TWO_TABLES.replace("row.num = -3", "row.num = 3").replace("source {\n", """
        source {
          FakeSource {
            plugin_output = "single"
            schema { fields { id = int } }
          }
        """) + "sink { Console { plugin_input = [\"fake\", \"single\"] } }\n";
    Problem p = at(problems(job), "sink[0] Console");
    assertTrue(p.message().contains("a sink reads one multi-table link alone"), p.message());
  }

  @Test
  void anUnknownOptionInAnElementIsAWarningNamingTheElement() throws Exception {
    String job = TWO_TABLES.replace("row.num = -3", "rwo.num = 3") + "sink { Console {} }\n";
    List<Problem> warnings = JobFiles.warnings(job);
    Problem w = at(warnings, "source[0] FakeSource tables_configs[1] option 'rwo.num'");
    assertEquals(13, w.line());
    assertTrue(w.message().startsWith("unknown option (did you mean 'row.num'?)"), w.message());
    Problem typed = at(problems(TWO_TABLES.replace("row.num = -3", "row.num = ten") + "sink { Console {} }\n"),
        "source[0] FakeSource tables_configs[1] option 'row.num'");
    assertEquals(13, typed.line());
  }

  @Test
  void anOptionBesideTablesConfigsIsAWarning() throws Exception {
    String job = TWO_TABLES.replace("row.num = -3", "row.num = 3")
        .replace("plugin_output = \"fake\"", "plugin_output = \"fake\"\n    row.num = 10") + "sink { Console {} }\n";
    Problem w = at(JobFiles.warnings(job), "source[0] FakeSource option 'row.num'");
    assertEquals(5, w.line());
    assertTrue(w.message().startsWith("is ignored next to tables_configs"), w.message());
  }
}
