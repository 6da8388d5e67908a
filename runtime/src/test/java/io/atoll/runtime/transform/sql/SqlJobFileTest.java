package io.atoll.runtime.transform.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.runtime.cli.NodeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Job files with the Sql transform through {@code atoll run} (an embedded node per run), checked by Assert. */
class SqlJobFileTest {
  @TempDir Path tmp;

  private record Result(int exitCode, String out, String err) {}

  private Result run(String resource) throws Exception {
    Path job = tmp.resolve(resource);
    Files.writeString(job, new String(Objects.requireNonNull(
        getClass().getResourceAsStream("/jobs/sql/" + resource)).readAllBytes()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new NodeCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return new Result(cli.execute("run", job.toString()), out.toString(), err.toString());
  }

  @Test
  void fakeSourceThroughSqlPassesAssert() throws Exception {
    Result r = run("fake_sql_assert.conf");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("Total Read Count          : 4"), r.out());
    assertTrue(r.out().contains("Total Write Count         : 3"), "the WHERE drops the 15-year-old: " + r.out());
  }

  @Test
  void lowerCaseSqlWithFunctionsAndANestedFieldInWhere() throws Exception {
    Result r = run("fake_sql_functions.conf");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("Total Write Count         : 2"), "the row with c_row.c_int = -1 (and NULLs) is dropped: " + r.out());
  }

  @Test
  void soundexInsertDesAndLikeEscapeThroughRun() throws Exception {
    Result r = run("fake_sql_string_extras.conf");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("Total Write Count         : 2"),
        "ESCAPE keeps Robert and Rupert ('50%_...'), drops Rubin ('500_...') and the NULL name: " + r.out());
  }

  @Test
  void aBadQueryIsRefusedBeforeSubmissionNamingTheOptionsLineAndTheQueryPosition() throws Exception {
    Result r = run("bad_query.conf");
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("bad_query.conf:9"), "the line of option query: " + r.err());
    assertTrue(r.err().contains("option 'query': SQL syntax error at line 1, column 18 of the query, near '+'"), r.err());
    assertTrue(r.out().isEmpty(), "nothing was submitted: " + r.out());
  }
}
