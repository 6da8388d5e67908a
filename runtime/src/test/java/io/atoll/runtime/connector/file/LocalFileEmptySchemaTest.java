package io.atoll.runtime.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.runtime.connector.PluginHarness;
import io.atoll.runtime.testing.CliRuns;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An empty {@code schema {}} over an empty directory reads zero rows, as SeaTunnel does. */
class LocalFileEmptySchemaTest {
  @TempDir
  Path tmp;

  private int run(String jobText, StringWriter out) throws Exception {
    Path job = Files.writeString(tmp.resolve("empty_dir_to_assert.conf"), jobText);
    CliRuns.Result r = CliRuns.run("run", job.toString());
    out.write(r.all());
    return r.exitCode();
  }

  private static String job(Path path, int maxRows) {
    return """
        env {
          job.mode = "BATCH"
          parallelism = 1
        }
        source {
          LocalFile {
            path = "%s"
            file_format_type = "json"
            schema {}
          }
        }
        sink {
          Assert {
            rules {
              row_rules = [
                { rule_type = MAX_ROW, rule_value = %d }
              ]
            }
          }
        }
        """.formatted(path, maxRows);
  }

  @Test
  void anEmptyDirectoryWithAnEmptySchemaRunsWithZeroRows() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    StringWriter out = new StringWriter();
    assertEquals(0, run(job(empty, 0), out), out.toString());
  }

  @Test
  void anEmptySchemaOverFilesIsRefusedRatherThanDroppingTheirRecords() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(dir.resolve("a.json"), "{\"id\": 1}\n");
    StringWriter out = new StringWriter();
    assertNotEquals(0, run(job(dir, 0), out), out.toString());
    assertTrue(out.toString().contains("option 'schema' declares no field, but path '" + dir + "' has 1 file(s)"),
        out.toString());
  }

  @Test
  void emptyFieldsAndEmptyColumnsReadZeroRowsToo() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    for (String schema : List.of("schema { fields {} }", "schema { columns = [] }", "schema = {}")) {
      PluginHarness.Result result = PluginHarness.source(new LocalFileSourceFactory(),
          "path = \"" + empty + "\"\nfile_format_type = csv\n" + schema).run();
      assertEquals(List.of(), result.producedType().names(), schema);
      assertEquals(List.of(), result.rows(), schema);
    }
  }

  @Test
  void anEmptySchemaAndAnUnknownReadColumnStillFails() {
    List<String> problems = new LocalFileSourceFactory().validate(ConfigFactory.parseString(
        "path = \"" + tmp + "\"\nfile_format_type = csv\nschema {}\nread_columns = [id]"), null);
    assertEquals(List.of("option 'read_columns': no field 'id' in the schema; it has []"), problems);
  }
}
