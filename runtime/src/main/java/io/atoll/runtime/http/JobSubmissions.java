package io.atoll.runtime.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.runtime.connector.PluginRegistry;
import io.atoll.runtime.job.config.JobFileParser;
import io.atoll.runtime.job.config.JobValidationException;
import io.atoll.runtime.job.config.ParsedJob;
import io.atoll.runtime.job.config.Problem;
import io.atoll.runtime.job.config.TypedJobJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a submitted body into a validated job with the same parser as job files (origin
 * {@code rest}), so a REST client sees the same problems, with lines, that {@code atoll run}
 * prints. The body is untrusted: its includes are refused and {@code ${...}} is never filled from
 * the master's environment (the REST API has no job variables, so a {@code ${name}} stays as
 * written, with a warning). Warnings (unknown options too) go into the answer and the master's log;
 * {@code env { strict = true }} makes them errors.
 *
 * <p>A body in Atoll's typed form ({@link io.atoll.runtime.job.config.TypedJobJson}, what {@code
 * atoll submit} sends) is not job text: it is checked against this master's plugins with the
 * lines of the user's file, and its problems name that file.
 */
final class JobSubmissions {
  static final String ORIGIN = "rest";

  private static final Logger log = LoggerFactory.getLogger(JobSubmissions.class);

  private final PluginRegistry plugins;
  private final Executor executor;

  /** @param executor where parsing runs: it calls plugin code, which must not hold up request threads */
  JobSubmissions(PluginRegistry plugins, Executor executor) {
    this.plugins = plugins;
    this.executor = executor;
  }

  /** The validated job with its warnings, which are logged here (the master's log) as well. */
  CompletionStage<ParsedJob> validate(String body, JobRequests.Submit params) {
    return CompletableFuture.supplyAsync(() -> parse(body, params), executor);
  }

  private ParsedJob parse(String body, JobRequests.Submit params) {
    if (body.isBlank()) {
      throw ApiException.badRequest("request body is empty; send the job config (env, source, transform, sink) "
          + "as JSON or HOCON");
    }
    ParsedJob parsed;
    try {
      parsed = params.format().equals(JobRequests.TYPED)
          ? JobFileParser.readSent(body, ORIGIN, plugins)
          : JobFileParser.readUntrusted(body, ORIGIN, Map.of(), false, plugins);
    } catch (JobValidationException e) {
      throw invalid(e, params.format());
    }
    JobDefinition job = params.jobName().map(name -> renamed(parsed.job(), name)).orElse(parsed.job());
    parsed.warnings().forEach(w -> log.warn("submitted job '{}': {} (accepted as SeaTunnel accepts it)",
        job.jobName(), w));
    return new ParsedJob(job, parsed.warnings());
  }

  /** 400 with every problem, so the client can fix the config in one pass. */
  private static ApiException invalid(JobValidationException e, String format) {
    ObjectNode details = Json.object();
    put(details.putArray("problems"), e.problems());
    if (!e.warnings().isEmpty()) {
      put(details.putArray("warnings"), e.warnings());
    }
    int n = e.problems().size();
    Problem first = e.problems().get(0);
    String body = format.equals(JobRequests.TYPED) ? "the job (" + TypedJobJson.MEDIA_TYPE + ")"
        : "the job config (" + format + ")";
    String message = body + " is invalid, nothing was submitted: " + n
        + (n == 1 ? " problem" : " problems") + ", first at " + (first.origin().equals(ORIGIN) ? "line " + first.line()
        : first.origin() + ":" + first.line()) + ": " + first.where() + ": " + first.message();
    return new ApiException(akka.http.javadsl.model.StatusCodes.BAD_REQUEST, message, details);
  }

  private static void put(ArrayNode array, List<Problem> problems) {
    for (Problem p : problems) {
      ObjectNode o = array.addObject();
      o.put("origin", p.origin());
      o.put("line", p.line());
      o.put("where", p.where());
      o.put("message", p.message());
    }
  }

  /** SeaTunnel's {@code jobName} parameter: the job's name wins over {@code env.job.name}. */
  static JobDefinition renamed(JobDefinition job, String name) {
    Map<String, String> env = new HashMap<>(job.env());
    env.put("job.name", name);
    return new JobDefinition(name, job.mode(), job.parallelism(), job.checkpointIntervalMillis(),
        job.checkpointTimeoutMillis(), job.retryTimes(), job.retryIntervalSeconds(), job.tagFilter(),
        job.readLimitRowsPerSecond(), env, job.plugins(), job.origin());
  }
}
