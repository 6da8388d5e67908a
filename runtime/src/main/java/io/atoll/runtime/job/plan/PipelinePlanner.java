package io.atoll.runtime.job.plan;

import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.PluginDefinition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a validated job into pipelines: one per source, holding the transforms and sinks its rows
 * reach. Independent chains become independent pipelines, so one failing restarts only itself.
 *
 * <p>The job comes from {@link io.atoll.runtime.job.config.JobFileParser}, so every table a plugin
 * reads is produced by exactly one plugin and transforms form no cycle.
 */
public final class PipelinePlanner {
  private PipelinePlanner() {}

  public static List<PipelinePlan> plan(JobDefinition job) {
    List<PipelinePlan> plans = new ArrayList<>();
    List<PluginDefinition> transforms = job.plugins(PluginKind.TRANSFORM);
    List<PluginDefinition> sinks = job.plugins(PluginKind.SINK);
    for (PluginDefinition source : job.plugins(PluginKind.SOURCE)) {
      Set<String> tables = new HashSet<>();
      tables.add(source.outputTable());
      List<PluginDefinition> ordered = downstreamTransforms(source, transforms, tables);
      List<PluginDefinition> reached = sinks.stream()
          .filter(s -> s.inputTables().stream().anyMatch(tables::contains))
          .toList();
      plans.add(new PipelinePlan(plans.size() + 1, source, ordered, reached));
    }
    return plans;
  }

  /**
   * The transforms fed, directly or not, by the source, breadth-first: a transform is added only
   * once the table it reads is known, which is a topological order (ties in file order).
   */
  private static List<PluginDefinition> downstreamTransforms(PluginDefinition source,
      List<PluginDefinition> transforms, Set<String> tables) {
    List<PluginDefinition> ordered = new ArrayList<>();
    Deque<String> frontier = new ArrayDeque<>();
    frontier.add(source.outputTable());
    while (!frontier.isEmpty()) {
      String table = frontier.poll();
      for (PluginDefinition t : transforms) {
        if (t.inputTables().contains(table) && !ordered.contains(t)) {
          ordered.add(t);
          if (tables.add(t.outputTable())) {
            frontier.add(t.outputTable());
          }
        }
      }
    }
    return ordered;
  }
}
