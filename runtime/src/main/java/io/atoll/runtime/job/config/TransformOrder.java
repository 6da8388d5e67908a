package io.atoll.runtime.job.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Transforms in an order where each comes after the one it reads (Kahn's algorithm, ties in file
 * order). Transforms that read each other in a cycle can never receive a row; each cycle is
 * reported once and its transforms (and those behind it) are left out of the order.
 */
final class TransformOrder {
  private TransformOrder() {}

  static List<PluginBlock> sort(List<PluginBlock> transforms, Problems problems) {
    Map<String, PluginBlock> byOutput = new HashMap<>();
    transforms.forEach(t -> byOutput.putIfAbsent(t.outputTable, t));
    Map<PluginBlock, PluginBlock> upstream = new HashMap<>();
    for (PluginBlock t : transforms) {
      if (!t.inputTables.isEmpty() && byOutput.containsKey(t.inputTables.get(0))) {
        upstream.put(t, byOutput.get(t.inputTables.get(0)));
      }
    }
    List<PluginBlock> ordered = new ArrayList<>();
    Set<PluginBlock> done = new HashSet<>();
    Deque<PluginBlock> ready = new ArrayDeque<>();
    transforms.stream().filter(t -> !upstream.containsKey(t)).forEach(ready::add);
    while (!ready.isEmpty()) {
      PluginBlock next = ready.poll();
      ordered.add(next);
      done.add(next);
      transforms.stream().filter(t -> upstream.get(t) == next && !done.contains(t)).forEach(ready::add);
    }
    reportCycles(transforms, upstream, done, problems);
    return ordered;
  }

  /** Each transform has one input, so walking inputs from a left-over transform ends in its cycle. */
  private static void reportCycles(List<PluginBlock> transforms, Map<PluginBlock, PluginBlock> upstream,
      Set<PluginBlock> done, Problems problems) {
    Set<PluginBlock> reported = new HashSet<>();
    for (PluginBlock t : transforms) {
      if (done.contains(t) || reported.contains(t)) {
        continue;
      }
      LinkedHashSet<PluginBlock> walk = new LinkedHashSet<>();
      PluginBlock current = t;
      while (current != null && walk.add(current)) {
        current = upstream.get(current);
      }
      if (current == null || reported.contains(current)) {
        continue;
      }
      List<PluginBlock> path = new ArrayList<>(walk);
      List<PluginBlock> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
      reported.addAll(cycle);
      Collections.reverse(cycle); // data flows from upstream to downstream
      String chain = cycle.stream().map(PluginBlock::label).collect(Collectors.joining(" -> "))
          + " -> " + cycle.get(0).label();
      PluginBlock first = cycle.stream().min(Comparator.comparingInt((PluginBlock b) -> b.line)).orElseThrow();
      problems.add(first.line, first.label(), "transforms read each other in a cycle (" + chain
          + "), so no row ever reaches them; break the cycle with plugin_input");
    }
  }
}
