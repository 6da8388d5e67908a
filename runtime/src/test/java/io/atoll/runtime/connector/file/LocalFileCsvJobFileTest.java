package io.atoll.runtime.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atoll.runtime.testing.CliRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A csv file with arrays and maps written through {@code atoll run} by the LocalFile sink staging in
 * {@code tmp_path}, in SeaTunnel's bytes, then read back by the LocalFile source, its nested cells
 * taken apart by the Sql transform and checked by Assert.
 */
class LocalFileCsvJobFileTest {
  @TempDir
  Path tmp;

  private void run(String name, String jobText) throws Exception {
    Path job = Files.writeString(tmp.resolve(name), jobText);
    CliRuns.Result r = CliRuns.run("run", job.toString());
    assertEquals(0, r.exitCode(), name + ":\n" + r.all());
  }

  @Test
  void csvWithArraysAndMapsStagedInTmpPathReadsBackThroughSql() throws Exception {
    Path out = tmp.resolve("out");
    Path staging = tmp.resolve("staging");
    run("fake_to_csv.conf", """
        env {
          job.mode = "BATCH"
          parallelism = 1
        }
        source {
          FakeSource {
            schema = {
              fields {
                id = int
                tags = "array<string>"
                scores = "map<string, int>"
              }
            }
            rows = [
              { kind = INSERT, fields = [1, ["a", "b"], {x = 1, y = 2}] }
              { kind = INSERT, fields = [2, ["c"], {x = 3}] }
            ]
          }
        }
        sink {
          LocalFile {
            path = "%s"
            tmp_path = "%s"
            file_format_type = "csv"
          }
        }
        """.formatted(out, staging));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(out)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertEquals(1, files.size(), files.toString());
    assertEquals("1,a\u0002b,x\u00031\u0002y\u00032\n2,c,x\u00033\n", Files.readString(files.get(0)),
        "SeaTunnel's csv bytes: its text format with ','");
    try (Stream<Path> left = Files.walk(staging)) {
      assertEquals(List.of(staging), left.toList(), "nothing left staged once committed");
    }

    run("csv_to_assert.conf", """
        env {
          job.mode = "BATCH"
        }
        source {
          LocalFile {
            path = "%s"
            file_format_type = "csv"
            plugin_output = "files"
            schema = {
              fields {
                id = int
                tags = "array<string>"
                scores = "map<string, int>"
              }
            }
          }
        }
        transform {
          Sql {
            plugin_input = "files"
            plugin_output = "parts"
            query = "select id, tags[0] as first_tag, scores['x'] as x from files where id = 1"
          }
        }
        sink {
          Assert {
            plugin_input = "parts"
            rules {
              row_rules = [
                { rule_type = MIN_ROW, rule_value = 1 },
                { rule_type = MAX_ROW, rule_value = 1 }
              ]
              field_rules = [
                { field_name = first_tag, field_type = string, field_value = [ { equals_to = "a" } ] },
                { field_name = x, field_type = int, field_value = [ { equals_to = 1 } ] }
              ]
            }
          }
        }
        """.formatted(out));
  }
}
