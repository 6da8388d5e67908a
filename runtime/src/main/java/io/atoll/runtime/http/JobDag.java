package io.atoll.runtime.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.runtime.job.plan.PipelinePlan;
import io.atoll.runtime.job.plan.PipelinePlanner;
import java.util.ArrayList;
import java.util.List;

/**
 * SeaTunnel's {@code jobDag}: one vertex per plugin ({@code vertexId} 1-based in the order
 * source, transform, sink blocks), and per pipeline the edges along the tables linking them, so
 * a SeaTunnel dashboard can draw an Atoll job. Pipelines are the ones the job runs as
 * ({@link PipelinePlanner}); a sink fed by two pipelines appears in both.
 */
final class JobDag {
  private JobDag() {}

  /** @param definition null for a job whose definition is not known: no vertices then */
  static ObjectNode of(long jobId, JobDefinition definition) {
    ObjectNode dag = Json.object();
    dag.put("jobId", Long.toString(jobId));
    dag.set("envOptions", JobJson.env(definition));
    ArrayNode vertices = dag.putArray("vertexInfoMap");
    ObjectNode edges = dag.putObject("pipelineEdges");
    if (definition == null) {
      return dag;
    }
    List<PluginDefinition> plugins = definition.plugins();
    for (int i = 0; i < plugins.size(); i++) {
      PluginDefinition p = plugins.get(i);
      ObjectNode v = vertices.addObject();
      v.put("vertexId", i + 1);
      v.put("type", p.kind().block());
      v.put("vertexName", p.label());
      ArrayNode tables = v.putArray("tablePaths");
      (p.outputTable() != null ? List.of(p.outputTable()) : p.inputTables()).forEach(tables::add);
    }
    for (PipelinePlan pipeline : PipelinePlanner.plan(definition)) {
      List<PluginDefinition> members = new ArrayList<>();
      members.add(pipeline.source());
      members.addAll(pipeline.transforms());
      members.addAll(pipeline.sinks());
      ArrayNode list = edges.putArray(Integer.toString(pipeline.pipelineId()));
      for (PluginDefinition target : members) {
        for (PluginDefinition input : members) {
          if (input.outputTable() != null && target.inputTables().contains(input.outputTable())) {
            ObjectNode edge = list.addObject();
            edge.put("inputVertexId", Integer.toString(plugins.indexOf(input) + 1)); // strings, as SeaTunnel writes them
            edge.put("targetVertexId", Integer.toString(plugins.indexOf(target) + 1));
          }
        }
      }
    }
    return dag;
  }
}
