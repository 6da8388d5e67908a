package io.atoll.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobSummary;
import io.atoll.protocol.job.Secrets;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.job.config.JobFileParser;
import io.atoll.runtime.job.config.JobValidationException;
import io.atoll.runtime.job.config.ParsedJob;
import io.atoll.runtime.job.config.TypedJobJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code atoll submit --cluster HOST:PORT JOBFILE}: validates the job file here (nothing is sent
 * when it is invalid), fills its variables, submits the validated job over REST in Atoll's typed
 * form ({@link TypedJobJson}: options with their lines, not re-rendered text) and, unless
 * {@code --async}, follows it to its end with the same progress and statistics as {@code atoll
 * run}. The cluster checks it against its own plugins; its problems cite the job file's lines.
 * Ctrl-C while waiting asks whether to cancel the job or leave it running ({@link SubmitInterrupt}).
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = "Validate a job file, submit it to a running cluster and (unless --async) wait for it to end.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the job finished or was stopped with a savepoint (with --async: it was submitted)",
      "1:the job failed or was cancelled, or the cluster could not be reached or refused the job",
      "2:an invalid job file or flag",
      "130:interrupted (Ctrl-C) while waiting: the job was cancelled or left running (--on-interrupt)"
    })
public final class SubmitCommand extends ClusterCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "JOBFILE", description = "the job file (HOCON or JSON)")
  Path jobFile;

  @Option(names = {"-c", "--config"}, paramLabel = "JOBFILE", description = "the job file, given as seatunnel.sh -c takes it")
  Path jobFileOption;

  @Option(names = {"-i", "--variable"}, paramLabel = "NAME=VALUE", description = "fills $${NAME} in the job file; repeatable")
  Map<String, String> variables = new LinkedHashMap<>();

  @Option(names = "--strict", description = "unknown options and variables without a value are errors, "
      + "not warnings (as env { strict = true })")
  boolean strict;

  @Option(names = "--async", description = "print the job id and return at once, without waiting for the job")
  boolean async;

  @Option(names = "--job-id", paramLabel = "ID",
      description = "the id to give the job; re-submitting the same job with it does not start it twice")
  Long jobId;

  @Option(names = "--restore", paramLabel = "JOB_ID",
      description = "continue job JOB_ID, stopped with `atoll cancel --savepoint`, from its savepoint"
          + " (isStartWithSavePoint); JOBFILE must plan the same pipelines and parallelism")
  Long restore;

  @Option(names = "--plugins-dir", paramLabel = "DIR",
      description = "plugin jars to validate against, besides the built-in ones (default: ./plugins)")
  Path pluginsDir = Path.of("plugins");

  @Option(names = "--unreachable-timeout", paramLabel = "SECONDS",
      description = "while waiting, give up once the cluster has been unreachable (or answered 503) this long, "
          + "e.g. during a master restart (default: ${DEFAULT-VALUE})")
  long unreachableSeconds = 120;

  @Option(names = "--on-interrupt", paramLabel = "ask|cancel|detach",
      description = "what Ctrl-C does to the job while waiting for it: ask (on a terminal; without one: detach), "
          + "cancel it, or detach and leave it running (default: ask)")
  String onInterrupt = "ask";

  @Option(names = "--poll-millis", hidden = true, description = "time between status polls (tests)")
  long pollMillis = 1000;

  @Override
  int run(ClusterClient client, PrintWriter out, PrintWriter err) {
    if ((jobFile == null) == (jobFileOption == null)) {
      throw new ParameterException(spec.commandLine(), jobFile == null
          ? "Missing required parameter: 'JOBFILE' (or -c JOBFILE)"
          : "two job files: JOBFILE " + jobFile + " and -c/--config " + jobFileOption + "; give one");
    }
    jobFile = jobFile != null ? jobFile : jobFileOption;
    if (unreachableSeconds <= 0) {
      throw new ParameterException(spec.commandLine(),
          "--unreachable-timeout must be a positive number of seconds, got " + unreachableSeconds);
    }
    SubmitInterrupt.Mode interruptMode;
    try {
      interruptMode = SubmitInterrupt.Mode.valueOf(onInterrupt.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(),
          "--on-interrupt: expected ask, cancel or detach, got '" + onInterrupt + "'");
    }
    if (jobId != null && jobId <= 0) {
      throw new ParameterException(spec.commandLine(), "--job-id must be a positive number, got " + jobId);
    }
    if (restore != null && (restore <= 0 || (jobId != null && !jobId.equals(restore)))) {
      throw new ParameterException(spec.commandLine(), restore <= 0
          ? "--restore must be a positive job id, got " + restore
          : "--restore " + restore + " and --job-id " + jobId + " differ: a restored job keeps its id; give --restore alone");
    }
    JobDefinition job;
    try {
      ParsedJob parsed = JobFileParser.readFile(jobFile, variables, strict, plugins());
      JobWarnings.print(parsed.warnings(), err);
      job = parsed.job();
    } catch (JobValidationException e) {
      err.println("atoll: job file " + jobFile + " is invalid; nothing was submitted:");
      e.problems().forEach(p -> err.println("  " + p));
      JobWarnings.print(e.warnings(), err);
      return 2;
    }
    String query = restore != null ? "?jobId=" + restore + "&isStartWithSavePoint=true"
        : jobId == null ? "" : "?jobId=" + jobId;
    ClusterClient.Reply reply = client.post("/submit-job" + query, TypedJobJson.MEDIA_TYPE,
        TypedJobJson.write(job, strict));
    if (!reply.ok()) {
      return rejected(client, reply, err);
    }
    long id = jobId(client, reply);
    if (async) {
      out.println(id); // alone on its line, for scripts: JOB=$(atoll submit --async ...)
      return 0;
    }
    Progress progress = new Progress(System.console() != null, out);
    JobEndReport report = new JobEndReport(progress, out, err);
    CompletableFuture<JobSummary> watched = new CompletableFuture<>();
    Thread interruptHook = new Thread(new SubmitInterrupt(client, cluster, id, interruptMode, System.console(), watched,
        report, Secrets.of(job)::mask, progress, err)::run, "atoll-submit-interrupt");
    Runtime.getRuntime().addShutdownHook(interruptHook); // before the line a user (or test) reacts to
    try {
      out.println("job " + id + " (" + reply.body().path("jobName").asText(job.jobName()) + ") submitted to "
          + client.base());
      out.flush();
      new JobWatcher(client, id, Duration.ofMillis(pollMillis), Duration.ofSeconds(unreachableSeconds),
          progress::update).end().whenComplete((end, failure) -> {
            if (failure != null) {
              watched.completeExceptionally(failure);
            } else {
              watched.complete(end);
            }
          });
      return report.show(ClusterClient.await(watched), Secrets.of(job)::mask);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(interruptHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs now: it decides what becomes of the job
      }
    }
  }

  /** The cluster validated the job with its own plugins and found problems, or refused it. */
  private int rejected(ClusterClient client, ClusterClient.Reply reply, PrintWriter err) {
    JsonNode problems = reply.body().get("problems");
    if (reply.status() == 400 && problems != null && problems.isArray()) {
      err.println("atoll: the cluster at " + client.base() + " found job file " + jobFile
          + " invalid with its plugins; nothing was submitted:");
      problems.forEach(p -> err.println("  " + p.path("origin").asText(jobFile.toString()) + ":"
          + p.path("line").asInt() + ": " + p.path("where").asText() + ": " + p.path("message").asText()));
      return 2;
    }
    err.println("atoll: the cluster at " + client.base() + " refused the job: " + reply.message()
        + " (HTTP " + reply.status() + ")");
    return 1;
  }

  private static long jobId(ClusterClient client, ClusterClient.Reply reply) {
    String id = reply.body().path("jobId").asText();
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new ClusterException("the cluster at " + client.base() + " accepted the job but sent '" + id
          + "' as its id; check the server behind that address");
    }
  }

  private PluginRegistry plugins() {
    try {
      return PluginRegistry.load(Optional.of(pluginsDir));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ParameterException(spec.commandLine(), "--plugins-dir: " + e.getMessage(), e);
    }
  }
}
