package io.atoll.runtime.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.job.Secrets;
import io.atoll.runtime.client.JobClient;
import io.atoll.runtime.config.NodeConfig;
import io.atoll.runtime.config.NodeSettings;
import io.atoll.runtime.event.EventCounters;
import io.atoll.runtime.event.Events;
import io.atoll.runtime.config.SettingsException;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.job.config.JobFileParser;
import io.atoll.runtime.job.config.ParsedJob;
import io.atoll.runtime.job.config.JobValidationException;
import io.atoll.runtime.logging.LogLevelSetting;
import io.atoll.runtime.node.AtollNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code atoll run JOBFILE}: validates the job file, starts an embedded single node (hybrid, dynamic
 * slots, no REST API, a temporary data dir, no Akka cluster: {@link #LOCAL_RUN_DEFAULTS}), runs the
 * job with live progress and prints
 * SeaTunnel-style job statistics. Exit 0 when the job FINISHED, 1 when it FAILED or was CANCELED,
 * 2 for an invalid file or flag. Ctrl-C (or SIGTERM) cancels the job, shows its CANCELED end and
 * removes the run's data: exit 130 (143).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run a job file on an embedded single node (master and worker in this JVM) and wait for it to end.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the job finished or was stopped with a savepoint", "1:the job failed or was cancelled", "2:an invalid job file or flag",
        "130:interrupted (Ctrl-C): the job was cancelled (143 for SIGTERM)"})
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "JOBFILE", description = "the job file (HOCON or JSON)")
  Path jobFile;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "node settings (HOCON), as for a node; "
      + "without JOBFILE, a job file with a source or sink block is the job (SeaTunnel's -c JOBFILE)")
  Path configFile;

  @Option(names = {"-i", "--variable"}, paramLabel = "NAME=VALUE", description = "fills $${NAME} in the job file; repeatable")
  Map<String, String> variables = new LinkedHashMap<>();

  @Option(names = "--strict", description = "unknown options and variables without a value are errors, "
      + "not warnings (as env { strict = true })")
  boolean strict;

  /** How long a local run waits at its end for the event endpoint to take the last events. */
  static final Duration EVENT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

  @Option(names = "--verbose", description = "log at INFO (default: warnings only, or ATOLL_LOG_LEVEL when set)")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    // ATOLL_LOG_LEVEL, as a system property or in the environment, wins over run's quieter default
    if (!verbose && LogLevelSetting.configured().isEmpty()) {
      System.setProperty(LogLevelSetting.NAME, "WARN"); // read by logback.xml when logging starts
    }
    // Logging configures itself (~0.1 s: logback reads its XML) on the other core while this thread
    // reads the node's config; else the node's start would wait for it.
    CompletableFuture.runAsync(org.slf4j.LoggerFactory::getILoggerFactory);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunFiles files;
    try {
      files = RunFiles.of(jobFile, configFile);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    files.note().ifPresent(note -> {
      err.println(note);
      err.flush();
    });
    jobFile = files.job();
    configFile = files.settings().orElse(null);
    try (TemporaryDataDir tempData = TemporaryDataDir.create(err)) {
      return run(tempData, out, err);
    }
  }

  private Integer run(TemporaryDataDir tempData, PrintWriter out, PrintWriter err) throws Exception {
    Config config;
    try {
      config = NodeConfig.load(localFlags(tempData.path()), Optional.ofNullable(configFile), LOCAL_RUN_DEFAULTS);
      NodeSettings.fromConfig(config); // every setting checked before the job file is read
    } catch (SettingsException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Progress progress = new Progress(System.console() != null, out);
    LocalJobEnd end = new LocalJobEnd(progress, out, err);
    tempData.interruptFirst(end::onInterrupt);
    // The node starts while this thread reads the job file: on 2 cores that hides most of the
    // parsing (~0.2 s of a 1 s run). An invalid file stops the node again; nothing is submitted.
    Config nodeConfig = config;
    CompletableFuture<AtollNode> starting = CompletableFuture.supplyAsync(() -> AtollNode.startResolved(nodeConfig));
    tempData.stopFirst(() -> starting.handle((node, failed) -> node)
        .thenCompose(node -> node == null ? CompletableFuture.completedFuture(null) : node.stop()));
    PluginRegistry plugins = PluginRegistry.load(Optional.of(Path.of(config.getString("atoll.plugins-dir"))));
    JobDefinition job;
    try {
      ParsedJob parsed = JobFileParser.readFile(jobFile, variables, strict, plugins);
      JobWarnings.print(parsed.warnings(), err);
      job = parsed.job();
    } catch (JobValidationException e) {
      stopStarted(starting);
      err.println("atoll: job file " + jobFile + " is invalid; nothing was run:");
      e.problems().forEach(p -> err.println("  " + p));
      JobWarnings.print(e.warnings(), err);
      err.flush();
      return 2;
    } catch (Exception | Error e) {
      stopStarted(starting);
      throw e;
    }
    AtollNode node;
    try {
      node = starting.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    try {
      JobClient client = node.jobClient().toCompletableFuture().get(60, TimeUnit.SECONDS);
      // The id is chosen here (as the coordinator of a fresh node would: the time), so that Ctrl-C
      // while the submit is under way still knows which job to cancel.
      CompletableFuture<Long> submit = client.submit(job, System.currentTimeMillis()).toCompletableFuture();
      CompletableFuture<JobSummary> result = submit.thenCompose(id -> client.result(id));
      end.submitted(client, submit, result, Secrets.of(job));
      long jobId = submit.get(30, TimeUnit.SECONDS);
      out.println("job " + jobId + " (" + job.jobName() + ") submitted");
      out.flush();
      return end.show(follow(client, jobId, result, progress));
    } finally {
      drainEvents(node, err);
      node.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** Stops the node started beside a job file that turned out invalid (bounded; it may not have started). */
  private static void stopStarted(CompletableFuture<AtollNode> starting) {
    try {
      starting.get(60, TimeUnit.SECONDS).stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // it did not start, or not in time: the temporary data dir's removal stops it if it still runs
    }
  }

  /**
   * The journal of a local run lives in a temporary directory that goes with it: before stopping,
   * wait (bounded) until every event is posted to the configured endpoint, and if some are not,
   * say how many — they are counted and reported, never dropped silently.
   */
  private static void drainEvents(AtollNode node, PrintWriter err) {
    EventCounters counters = Events.get(node.system()).counters();
    long deadline = System.nanoTime() + EVENT_DRAIN_TIMEOUT.toNanos();
    while (counters.notYetPosted() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    long left = counters.notYetPosted();
    if (left > 0) {
      err.println("atoll: " + left + " event(s) were not accepted by "
          + node.settings().events().reportUrl().map(Object::toString).orElse("the event endpoint") + " within "
          + EVENT_DRAIN_TIMEOUT.toSeconds() + " s; they are lost with this local run's temporary journal");
      err.flush();
    }
  }

  /**
   * Waits for the end, printing progress every second: one updating line on a terminal. The result
   * itself survives a coordinator restart ({@link JobClient#result} re-attaches) and fails only once
   * the coordinator has been unreachable for {@code atoll.client.unreachable-timeout}; a progress
   * read that fails meanwhile just skips one update.
   */
  private static JobSummary follow(JobClient client, long jobId, CompletableFuture<JobSummary> result,
      Progress progress) throws Exception {
    while (true) {
      try {
        return result.get(1, TimeUnit.SECONDS);
      } catch (TimeoutException stillRunning) {
        try {
          client.status(jobId).toCompletableFuture().get(10, TimeUnit.SECONDS).ifPresent(progress::update);
        } catch (ExecutionException | TimeoutException noProgressThisTime) {
          // the coordinator is restarting: the result above decides when to give up
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException("lost track of job " + jobId + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
  }

  private Config localFlags(Path dataDir) {
    return ConfigFactory.empty()
        .withValue("atoll.node.role", ConfigValueFactory.fromAnyRef("hybrid"))
        .withValue("akka.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(0))
        .withValue("akka.cluster.seed-nodes", ConfigValueFactory.fromIterable(java.util.List.of()))
        .withValue("atoll.http.enabled", ConfigValueFactory.fromAnyRef(false))
        .withValue("atoll.data-dir", ConfigValueFactory.fromAnyRef(dataDir.toString()))
        .withFallback(ConfigFactory.parseString("atoll.slot-service.dynamic-slot = true"));
  }

  /**
   * A local run is one node alone in its process: no cluster to form or leave, no remoting
   * ({@code akka.actor.provider = local}: its singletons and job masters are plain actors, see
   * {@link io.atoll.runtime.master.job.LocalJobMasters}). Below a {@code --config} file, which can
   * set the provider back to "cluster" to run the job on a real single-node cluster; that cluster's
   * periodic steps then need not wait either: Akka's gossip and leader ticks (1 s) pace forming and
   * leaving it, and a singleton whose node leaves retries its hand-over every second before it
   * stops; it needs no JMX bean and no flight-recorder events (~150 classes). The journal is not
   * synced to disk at every write: it lives in the run's temporary directory, deleted when the run
   * ends, so it never has to survive a machine's crash. Akka's own JVM shutdown hook is off: on
   * Ctrl-C the run's hook ({@link TemporaryDataDir}) first cancels the job on the running node, then
   * stops it; Akka's would terminate the node under it at the same time.
   */
  static final Config LOCAL_RUN_DEFAULTS = ConfigFactory.parseString("""
      akka.actor.provider = local
      akka.persistence.journal.leveldb.fsync = off
      akka.cluster.periodic-tasks-initial-delay = 0s
      akka.cluster.gossip-interval = 100ms
      akka.cluster.leader-actions-interval = 100ms
      akka.cluster.singleton.hand-over-retry-interval = 50ms
      akka.cluster.sharding.coordinator-singleton.hand-over-retry-interval = 50ms
      akka.cluster.singleton-proxy.singleton-identification-interval = 50ms
      akka.cluster.jmx.enabled = off
      akka.java-flight-recorder.enabled = false
      akka.coordinated-shutdown.run-by-jvm-shutdown-hook = off
      """);

  /**
   * The data dir of a local run, which goes with it: removed when {@code run} ends, however it ends,
   * and also on Ctrl-C (SIGINT) or SIGTERM, where the JVM runs shutdown hooks instead of the
   * {@code finally} blocks of the main thread. The hook first runs what the run asked for on an
   * interrupt (cancelling the job and showing its end: {@link LocalJobEnd}), then stops the node
   * (bounded by {@link #STOP_TIMEOUT}), so that LevelDB writes nothing into the directory after it
   * is deleted. The JVM then exits with 130 after SIGINT, 143 after SIGTERM.
   * Not registered with the node's resource tracker: the directory outlives the node (it holds the
   * node's journal until the node has stopped), so its owner is this command.
   */
  static final class TemporaryDataDir implements AutoCloseable {
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private final Path dir;
    private final PrintWriter err;
    private final Thread hook;
    private volatile Supplier<CompletionStage<?>> stop = () -> CompletableFuture.completedFuture(null);
    private volatile Runnable onInterrupt = () -> {};
    private boolean deleted;

    private TemporaryDataDir(Path dir, PrintWriter err) {
      this.dir = dir;
      this.err = err;
      this.hook = new Thread(this::onShutdown, "atoll-run-remove-data-dir");
    }

    static TemporaryDataDir create(PrintWriter err) throws IOException {
      TemporaryDataDir data = new TemporaryDataDir(Files.createTempDirectory("atoll-run-"), err);
      Runtime.getRuntime().addShutdownHook(data.hook);
      return data;
    }

    Path path() {
      return dir;
    }

    /** What the shutdown hook runs before it deletes: stopping the node that writes into the dir. */
    void stopFirst(Supplier<CompletionStage<?>> stopNode) {
      this.stop = stopNode;
    }

    /** What the shutdown hook runs first, while the node still runs: cancelling the run's job. */
    void interruptFirst(Runnable action) {
      this.onInterrupt = action;
    }

    /** The run ended: remove the directory now, and the hook (kept, it would hold this run's node). */
    @Override
    public void close() {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs now and deletes too; delete() is idempotent
      }
      delete();
    }

    /** The shutdown hook's work; package-private so a test can run it without ending its JVM. */
    void onShutdown() {
      try {
        onInterrupt.run();
      } catch (RuntimeException e) {
        err.println("atoll: could not cancel the run's job on the interrupt (" + e + "); stopping the node");
      }
      try {
        stop.get().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        err.println("atoll: the node did not stop cleanly within " + STOP_TIMEOUT.toSeconds() + " s (" + e
            + "); removing its temporary data dir " + dir + " anyway");
      }
      delete();
    }

    Thread hook() {
      return hook;
    }

    private synchronized void delete() {
      if (deleted) {
        return;
      }
      deleted = true;
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        err.println("atoll: could not remove the temporary data dir " + dir + ": " + e.getMessage()
            + "; remove it by hand");
      }
      err.flush();
    }
  }
}
