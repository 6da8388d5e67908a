package io.atoll.runtime.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.runtime.testing.CliRuns;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job files in the style of SeaTunnel's file e2e suites, run through {@code atoll run}: a FakeSource
 * written partitioned, column-chosen and gzip-compressed by the LocalFile sink, then read back by
 * the LocalFile source with a file filter and chosen columns (plus the partition field {@code city}
 * its directories carry), and checked by Assert.
 */
class LocalFileJobFilesTest {
  @TempDir
  Path tmp;

  private String run(String name, String jobText) throws Exception {
    Path job = Files.writeString(tmp.resolve(name), jobText);
    CliRuns.Result r = CliRuns.run("run", job.toString());
    assertEquals(0, r.exitCode(), name + ":\n" + r.all());
    return r.out();
  }

  @Test
  void fakeRowsWrittenPartitionedAndReadBackWithChosenColumns() throws Exception {
    Path out = tmp.resolve("out");
    run("fake_to_partitioned_file.conf", """
        env {
          job.mode = "BATCH"
          parallelism = 1
        }
        source {
          FakeSource {
            schema = {
              fields {
                id = int
                name = string
                city = string
                score = double
              }
            }
            rows = [
              { kind = INSERT, fields = [1, "Ann", "Oslo", 1.5] }
              { kind = INSERT, fields = [2, "Bob", "Rome", 2.5] }
              { kind = INSERT, fields = [3, "Cid", "Oslo", 3.5] }
            ]
          }
        }
        sink {
          LocalFile {
            path = "%s"
            file_format_type = "csv"
            sink_columns = ["name", "id", "city"]
            partition_by = ["city"]
            compress_codec = "gzip"
            batch_size = 1000
          }
        }
        """.formatted(out));
    List<String> files;
    try (Stream<Path> walk = Files.walk(out)) {
      files = walk.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
    }
    assertEquals(2, files.size(), files.toString());
    assertTrue(files.get(0).matches("city=Oslo/T_\\d+_\\d+_0_\\d+\\.csv\\.gz"), files.toString());
    assertTrue(files.get(1).startsWith("city=Rome/"), files.toString());
    try (InputStream in = new GZIPInputStream(Files.newInputStream(out.resolve(files.get(0))))) {
      assertEquals("Ann,1\nCid,3\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    run("partitioned_file_to_assert.conf", """
        env {
          job.mode = "BATCH"
        }
        source {
          LocalFile {
            path = "%s"
            file_format_type = "csv"
            compress_codec = "gzip"
            file_filter_pattern = "T_.*\\\\.csv\\\\.gz"
            read_columns = ["id"]
            schema = {
              fields {
                name = string
                id = int
              }
            }
          }
        }
        sink {
          Assert {
            rules {
              row_rules = [
                { rule_type = MIN_ROW, rule_value = 3 },
                { rule_type = MAX_ROW, rule_value = 3 }
              ]
              field_rules = [
                {
                  field_name = id
                  field_type = int
                  field_value = [
                    { rule_type = NOT_NULL },
                    { rule_type = MIN, rule_value = 1 },
                    { rule_type = MAX, rule_value = 3 }
                  ]
                },
                {
                  field_name = city
                  field_type = string
                  field_value = [
                    { rule_type = NOT_NULL },
                    { rule_type = MIN_LENGTH, rule_value = 4 },
                    { rule_type = MAX_LENGTH, rule_value = 4 }
                  ]
                }
              ]
            }
          }
        }
        """.formatted(out));
  }

  @Test
  void textWithArraysAndMapsWrittenPartitionedReadsBackWithThePartitionField() throws Exception {
    Path out = tmp.resolve("text_out");
    run("fake_to_text_file.conf", """
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
                team = string
              }
            }
            rows = [
              { kind = INSERT, fields = [1, ["a", "b"], {x = 1, y = 2}, "red"] }
              { kind = INSERT, fields = [2, ["c"], {z = 3}, "blue"] }
            ]
          }
        }
        sink {
          LocalFile {
            path = "%s"
            file_format_type = "text"
            partition_by = ["team"]
          }
        }
        """.formatted(out));
    Path red;
    try (Stream<Path> walk = Files.walk(out.resolve("team=red"))) {
      red = walk.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    assertEquals("1\u0001a\u0002b\u0001x\u00031\u0002y\u00032\n", Files.readString(red),
        "SeaTunnel's text bytes: items by \\u0002, key and value by \\u0003");

    run("text_file_to_assert.conf", """
        env {
          job.mode = "BATCH"
        }
        source {
          LocalFile {
            path = "%s"
            file_format_type = "text"
            schema = {
              fields {
                id = int
                tags = "array<string>"
                scores = "map<string, int>"
              }
            }
          }
        }
        sink {
          Assert {
            rules {
              row_rules = [
                { rule_type = MIN_ROW, rule_value = 2 },
                { rule_type = MAX_ROW, rule_value = 2 }
              ]
              field_rules = [
                {
                  field_name = tags
                  field_type = "array<string>"
                  field_value = [{ rule_type = NOT_NULL }]
                },
                {
                  field_name = scores
                  field_type = "map<string, int>"
                  field_value = [{ rule_type = NOT_NULL }]
                },
                {
                  field_name = team
                  field_type = string
                  field_value = [
                    { rule_type = NOT_NULL },
                    { rule_type = MIN_LENGTH, rule_value = 3 },
                    { rule_type = MAX_LENGTH, rule_value = 4 }
                  ]
                }
              ]
            }
          }
        }
        """.formatted(out));
  }
}
