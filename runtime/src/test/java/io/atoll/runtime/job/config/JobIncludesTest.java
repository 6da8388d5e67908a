package io.atoll.runtime.job.config;

import static io.atoll.runtime.job.config.JobFiles.REGISTRY;
import static io.atoll.runtime.job.config.JobFiles.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.OptionValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A job text from the network reads none of the server's files; a job file on disk includes the
 * files next to it, as the user who runs it; no shape of text overflows the parser's stack.
 */
class JobIncludesTest {
  private static final String REST = "rest";

  private static List<Problem> untrusted(String text) {
    return assertThrows(JobValidationException.class,
        () -> JobFileParser.parseUntrusted(text, REST, Map.of(), REGISTRY)).problems();
  }

  @ParameterizedTest
  @ValueSource(strings = {"include file(\"%s\")", "include url(\"file://%s\")", "include \"%s\"",
      "include required(file(\"%s\"))", "include classpath(\"application.conf\")"})
  void everyFormOfIncludeIsRefusedAtItsLineAndNothingIsRead(String form, @TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.conf");
    Files.writeString(secret, "leaked_password = hunter2\n");
    String text = "env {\n  job.mode = BATCH\n  " + form.formatted(secret) + "\n}\n"
        + "source { " + JobFiles.source("t") + " }\nsink { TestSink {} }\n";

    List<Problem> problems = untrusted(text);

    Problem include = at(problems, "include");
    assertEquals(3, include.line());
    assertTrue(include.message().contains("not allowed"), include.message());
    assertFalse(problems.toString().contains("hunter2") || problems.toString().contains("leaked_password"),
        problems::toString);
  }

  @Test
  void includesOfEveryBlockAreAllReported() {
    List<Problem> problems = untrusted("include \"a.conf\"\nenv { include file(\"/etc/hostname\") }\n"
        + "source { TestSource { include \"b.conf\", plugin_output = t } }\nsink { TestSink {} }\n");

    assertEquals(List.of(1, 2, 3), problems.stream().filter(p -> p.where().equals("include")).map(Problem::line).toList());
  }

  @Test
  void aKeyNamedIncludeIsNoInclude() throws Exception {
    JobDefinition job = JobFileParser.parseUntrusted("env { \"include\" = yes, job.mode = BATCH }\n"
        + "source { TestSource { plugin_output = t, label = \"include \\\"x\\\"\", schema.fields.id = int } }\n"
        + "sink { TestSink {} }\n",
        REST, Map.of(), REGISTRY);

    assertEquals("yes", job.env().get("include"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"include \"/etc/hostname\"", "include file(\"/etc/hostname\")",
      "include url(\"file:///etc/hostname\")", "include classpath(\"reference.conf\")"})
  void theIncluderBehindTheScanRefusesEveryFormItself(String include) {
    com.typesafe.config.ConfigParseOptions options = com.typesafe.config.ConfigParseOptions.defaults()
        .setIncluder(Includes.refusing());

    com.typesafe.config.ConfigException e = assertThrows(com.typesafe.config.ConfigException.class,
        () -> com.typesafe.config.ConfigFactory.parseString("a { " + include + " }", options));

    assertTrue(e.getMessage().contains("is not allowed"), e.getMessage());
  }

  @Test
  void aStringJobRefusesIncludesToo() {
    JobValidationException e = assertThrows(JobValidationException.class, () -> JobFileParser.parseString(
        "env { include \"application.conf\" }\nsource { " + JobFiles.source("t") + " }\nsink { TestSink {} }",
        "api", Map.of(), REGISTRY));

    assertEquals(1, at(e.problems(), "include").line());
  }

  @Test
  void aJobFileIncludesFilesNextToIt(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/common.conf"), "parallelism = 3\njob.name = shared\n");
    Files.writeString(dir.resolve("conf/mode.conf"), "job.mode = BATCH\n");
    Path job = dir.resolve("conf/job.conf");
    Files.writeString(job, "env {\n  include \"common.conf\"\n  include file(\"mode.conf\")\n}\n"
        + "source { " + JobFiles.source("t") + " }\nsink { TestSink {} }\n");

    JobDefinition parsed = JobFileParser.parseFile(job, Map.of(), REGISTRY);

    assertEquals(3, parsed.parallelism());
    assertEquals("shared", parsed.jobName());
    assertEquals("BATCH", parsed.mode().name());
  }

  @Test
  void hundredsOfThousandsOfNestedArraysAreAProblemNotAStackOverflow() {
    String deep = "[".repeat(200_000) + "]".repeat(200_000);

    JobValidationException e = assertThrows(JobValidationException.class,
        () -> JobFileParser.parseUntrusted("{\"env\": " + deep + "}", REST, Map.of(), REGISTRY));

    assertEquals("syntax", e.problems().get(0).where());
    assertTrue(e.problems().get(0).message().contains("deeper than " + Nesting.MAX_DEPTH), e.getMessage());
  }

  @Test
  void aDeepDottedPathIsAProblemNotAStackOverflow() {
    String path = "a.".repeat(100_000) + "a";

    for (String text : List.of("env { " + path + " = 1 }", "env { " + path + " { b = 1 } }",
        "env { x = ${" + path + "} }", "env { a.\"b\".c." + path + " = 1 }")) {
      JobValidationException e = assertThrows(JobValidationException.class,
          () -> JobFileParser.parseUntrusted(text, REST, Map.of(), REGISTRY));
      assertTrue(e.getMessage().contains("deeper than " + Nesting.MAX_DEPTH), e.getMessage());
    }
  }

  @Test
  void nestingUpToTheLimitIsFine() throws Exception {
    int levels = Nesting.MAX_DEPTH - 3; // inside source { TestSource { extra = ... } }
    String deep = "[".repeat(levels) + "1" + "]".repeat(levels);

    JobDefinition job = JobFileParser.parseUntrusted("env { job.mode = BATCH, version = a.b.c.d.e.f.g.h.i.j.k.l.m.n."
        + "o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k.l.m.n }\n"
        + "source { TestSource { plugin_output = t, extra = " + deep + ", schema = { fields { id = int } } } }\n"
        + "sink { TestSink {} }\n", REST, Map.of(), REGISTRY);

    OptionValue extra = job.plugins().get(0).options().get("extra").orElseThrow();
    int depth = 0;
    for (; extra instanceof OptionValue.ListOf list; extra = list.items().get(0)) {
      depth++;
    }
    assertEquals(levels, depth);
  }
}
