package io.atoll.runtime.job.plan;

import io.atoll.protocol.job.PluginDefinition;
import java.util.List;
import java.util.Objects;

/**
 * One pipeline of a job: a source and everything downstream of it, which run and fail over
 * together.
 *
 * @param pipelineId 1-based, in the order of the job's sources
 * @param transforms in topological order: each after the transform it reads
 * @param sinks in file order; a sink reading tables of several sources is in each of their
 *     pipelines and receives there only that pipeline's tables
 */
public record PipelinePlan(int pipelineId, PluginDefinition source, List<PluginDefinition> transforms,
    List<PluginDefinition> sinks) {
  public PipelinePlan {
    Objects.requireNonNull(source, "source");
    transforms = List.copyOf(transforms);
    sinks = List.copyOf(sinks);
  }
}
