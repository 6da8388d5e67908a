package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atoll run}'s JOBFILE and {@code --config}/{@code -c}: Atoll's node settings, or SeaTunnel's job file. */
class RunFilesTest {
  @TempDir Path tmp;

  @Test
  void aJobFileAsConfigWithoutJobfileIsTheJobAndTheRunSaysSo() throws Exception {
    Path job = Files.writeString(tmp.resolve("job.conf"), "env { parallelism = 1 }\nsource { FakeSource {} }\nsink { Console {} }\n");
    RunFiles files = RunFiles.of(null, job);
    assertEquals(job, files.job());
    assertEquals(Optional.empty(), files.settings());
    String note = files.note().orElseThrow();
    assertTrue(note.startsWith("atoll: running --config " + job + " as the job file"), note);
    assertTrue(note.contains("node settings go in --config FILE beside a job file"), note);

    Path sinkOnly = Files.writeString(tmp.resolve("sink.json"), "{\"sink\": [{\"plugin_name\": \"Console\"}]}");
    assertEquals(sinkOnly, RunFiles.of(null, sinkOnly).job(), "JSON and a job with only a sink block count too");
  }

  @Test
  void jobfileAndSettingsKeepAtollsMeaningSilently() throws Exception {
    Path job = Files.writeString(tmp.resolve("job.conf"), "source { FakeSource {} }\nsink { Console {} }\n");
    Path settings = Files.writeString(tmp.resolve("node.conf"), "akka.actor.provider = cluster\n");
    assertEquals(new RunFiles(job, Optional.of(settings), Optional.empty()), RunFiles.of(job, settings));
    assertEquals(new RunFiles(job, Optional.empty(), Optional.empty()), RunFiles.of(job, null));
  }

  @Test
  void aJobFileAsConfigBesideAJobfileIsRefusedSayingWhichIsWhich() throws Exception {
    Path job = Files.writeString(tmp.resolve("job.conf"), "source { FakeSource {} }\nsink { Console {} }\n");
    Path other = Files.writeString(tmp.resolve("other.conf"), "source { FakeSource { row.num = 3 } }\n");
    String message = assertThrows(IllegalArgumentException.class, () -> RunFiles.of(job, other)).getMessage();
    assertTrue(message.startsWith("--config " + other + " is a job file (it has a source or sink block), and JOBFILE "
        + job + " is given too"), message);
  }

  @Test
  void settingsWithoutAJobfileOrNothingAtAllIsAMissingJobfile() throws Exception {
    Path settings = Files.writeString(tmp.resolve("node.conf"), "atoll.job.schedule-strategy = WAIT\n");
    String message = assertThrows(IllegalArgumentException.class, () -> RunFiles.of(null, settings)).getMessage();
    assertTrue(message.startsWith("Missing required parameter: 'JOBFILE': --config " + settings
        + " has no source or sink block, so it is node settings"), message);
    assertEquals("Missing required parameter: 'JOBFILE' (or -c JOBFILE)",
        assertThrows(IllegalArgumentException.class, () -> RunFiles.of(null, null)).getMessage());
  }

  @Test
  void aConfigThatDoesNotParseIsLeftToTheJobParserWhichCitesItsLine() throws Exception {
    Path broken = Files.writeString(tmp.resolve("broken.conf"), "source { FakeSource { row.num = } \n");
    assertEquals(broken, RunFiles.of(null, broken).job());
  }
}
