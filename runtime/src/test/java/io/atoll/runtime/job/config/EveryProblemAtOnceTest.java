package io.atoll.runtime.job.config;

import static io.atoll.runtime.job.config.JobFiles.at;
import static io.atoll.runtime.job.config.JobFiles.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One validation lists the problems of every plugin: a user never fixes one plugin only to be told
 * about the next. A syntax error is the only reason to stop early.
 */
class EveryProblemAtOnceTest {

  @Test
  void threeBrokenPluginsAreReportedTogetherWithTheirLines() {
    List<Problem> problems = problems("""
        source {
          TestSource {
            rows = ten
            schema.fields { id = int, name = string }
          }
        }
        transform {
          TestTransform { drop_field = amount }
        }
        sink {
          TestSink {
            expect_fields = {}
          }
        }
        """);

    assertEquals(3, problems.size(), problems.toString());
    Problem source = at(problems, "source[0] TestSource option 'rows'");
    assertEquals(3, source.line());
    assertEquals("expected a whole number (INT), got \"ten\"", source.message());
    Problem transform = at(problems, "transform[0] TestTransform");
    assertEquals(8, transform.line());
    assertEquals("option 'drop_field': the input has no field 'amount' (fields: id, name)", transform.message());
    Problem sink = at(problems, "sink[0] TestSink option 'expect_fields'");
    assertEquals(12, sink.line());
    assertTrue(new JobValidationException(problems).getMessage().startsWith("test.conf:3: source[0] TestSource"));
  }

  @Test
  void aSourceWhoseSchemaCannotBeBuiltAddsNoFollowOnProblem() {
    List<Problem> problems = problems("""
        source {
          TestSource { rows = ten, schema.fields { id = nosuchtype } }
        }
        transform { TestTransform { drop_field = amount } }
        sink { TestSink {} }
        """);

    assertEquals(2, at(problems, "source[0] TestSource option 'rows'").line());
    assertTrue(problems.stream().noneMatch(p -> p.where().startsWith("transform")), problems.toString());
  }
}
