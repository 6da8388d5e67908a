package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@code atoll run}'s temporary data dir goes with the run: at its end, and on Ctrl-C through a
 * shutdown hook that stops the node first. The hook is run here by hand, as the JVM would on SIGINT.
 */
class RunTemporaryDataDirTest {
  private final StringWriter err = new StringWriter();

  @Test
  void aRunsEndRemovesTheDirAndItsShutdownHook() throws Exception {
    RunCommand.TemporaryDataDir data = RunCommand.TemporaryDataDir.create(new PrintWriter(err));
    Path dir = data.path();
    Files.createDirectories(dir.resolve("journal"));
    Files.writeString(dir.resolve("journal/000003.log"), "events");

    data.close();
    assertFalse(Files.exists(dir));
    // no longer registered: a run in a long-lived JVM (tests, an IDE) would otherwise keep its node reachable
    assertFalse(Runtime.getRuntime().removeShutdownHook(data.hook()));
    assertEquals("", err.toString());
  }

  @Test
  void ctrlCStopsTheNodeThenRemovesTheDirWithWhatItWroteWhileStopping() throws Exception {
    RunCommand.TemporaryDataDir data = RunCommand.TemporaryDataDir.create(new PrintWriter(err));
    Path dir = data.path();
    AtomicBoolean stopped = new AtomicBoolean();
    data.stopFirst(() -> CompletableFuture.supplyAsync(() -> {
      try {
        // a node's last write as it stops (LevelDB compacting into its journal)
        Files.createDirectories(dir.resolve("journal"));
        Files.writeString(dir.resolve("journal/MANIFEST-000004"), "last");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      stopped.set(true);
      return null;
    }));
    try {
      data.hook().run(); // what the JVM does on SIGINT
      assertTrue(stopped.get());
      assertFalse(Files.exists(dir));
      assertEquals("", err.toString());
    } finally {
      data.close(); // the run's own end, racing the hook: nothing left to do, nothing reported
    }
    assertEquals("", err.toString());
  }

  @Test
  void ctrlCCancelsTheRunsJobWhileTheNodeStillRunsThenStopsIt() throws Exception {
    RunCommand.TemporaryDataDir data = RunCommand.TemporaryDataDir.create(new PrintWriter(err));
    java.util.List<String> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
    data.interruptFirst(() -> steps.add("cancel the job and show its end"));
    data.stopFirst(() -> {
      steps.add("stop the node");
      return CompletableFuture.completedFuture(null);
    });
    try {
      data.hook().run();
      assertEquals(java.util.List.of("cancel the job and show its end", "stop the node"), steps);
      assertFalse(Files.exists(data.path()));
    } finally {
      data.close();
    }
  }

  @Test
  void aNodeThatDoesNotStopStillLosesItsDirAndTheRunSaysSo() throws Exception {
    RunCommand.TemporaryDataDir data = RunCommand.TemporaryDataDir.create(new PrintWriter(err));
    Path dir = data.path();
    data.stopFirst(() -> CompletableFuture.failedFuture(new IllegalStateException("stuck")));
    try {
      data.onShutdown();
    } finally {
      data.close();
    }
    assertFalse(Files.exists(dir));
    assertTrue(err.toString().contains("the node did not stop cleanly within 30 s"), err.toString());
    assertTrue(err.toString().contains("removing its temporary data dir " + dir + " anyway"), err.toString());
  }
}
