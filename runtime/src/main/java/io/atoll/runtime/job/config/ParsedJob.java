package io.atoll.runtime.job.config;

import io.atoll.protocol.job.JobDefinition;
import java.util.List;

/**
 * A job that passed validation, with what SeaTunnel would have let pass silently: unknown options
 * and {@code ${name}}s without a value, each with its file, line and (for options) a did-you-mean.
 * Whoever starts the job shows the warnings first: {@code run} and {@code submit} on stderr, the
 * REST API in its answer and the master's log.
 */
public record ParsedJob(JobDefinition job, List<Problem> warnings) {
  public ParsedJob {
    warnings = List.copyOf(warnings);
  }
}
