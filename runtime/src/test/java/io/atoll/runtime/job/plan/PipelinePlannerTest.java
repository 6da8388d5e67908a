package io.atoll.runtime.job.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMode;
import io.atoll.protocol.job.PluginDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelinePlannerTest {
  private final List<PluginDefinition> plugins = new ArrayList<>();

  private PluginDefinition add(PluginKind kind, String name, List<String> inputs, String output) {
    int index = (int) plugins.stream().filter(p -> p.kind() == kind).count();
    PluginDefinition p = new PluginDefinition(kind, name, index, io.atoll.protocol.job.OptionValue.ObjectOf.EMPTY, inputs, output,
        plugins.size() + 1, "test");
    plugins.add(p);
    return p;
  }

  private List<PipelinePlan> plan() {
    return PipelinePlanner.plan(new JobDefinition("j", JobMode.BATCH, 1, 0, 0, 3, 3, Map.of(), 0, Map.of(),
        plugins, "test"));
  }

  @Test
  void independentChainsAreSeparatePipelines() {
    PluginDefinition a = add(PluginKind.SOURCE, "A", List.of(), "a");
    PluginDefinition b = add(PluginKind.SOURCE, "B", List.of(), "b");
    PluginDefinition ta = add(PluginKind.TRANSFORM, "T", List.of("a"), "ta");
    PluginDefinition sb = add(PluginKind.SINK, "SB", List.of("b"), null);
    PluginDefinition sa = add(PluginKind.SINK, "SA", List.of("ta"), null);

    assertEquals(List.of(new PipelinePlan(1, a, List.of(ta), List.of(sa)), new PipelinePlan(2, b, List.of(), List.of(sb))),
        plan());
  }

  @Test
  void fanOutToTwoSinksIsOnePipelineWithBoth() {
    PluginDefinition s = add(PluginKind.SOURCE, "S", List.of(), "s");
    PluginDefinition t = add(PluginKind.TRANSFORM, "T", List.of("s"), "t");
    PluginDefinition k1 = add(PluginKind.SINK, "K1", List.of("t"), null);
    PluginDefinition k2 = add(PluginKind.SINK, "K2", List.of("s"), null);

    assertEquals(List.of(new PipelinePlan(1, s, List.of(t), List.of(k1, k2))), plan());
  }

  @Test
  void transformsComeInTopologicalOrderWhateverTheFileOrder() {
    PluginDefinition s = add(PluginKind.SOURCE, "S", List.of(), "s");
    PluginDefinition last = add(PluginKind.TRANSFORM, "Last", List.of("mid"), "out");
    PluginDefinition mid = add(PluginKind.TRANSFORM, "Mid", List.of("first"), "mid");
    PluginDefinition first = add(PluginKind.TRANSFORM, "First", List.of("s"), "first");
    PluginDefinition side = add(PluginKind.TRANSFORM, "Side", List.of("s"), "side");
    PluginDefinition k = add(PluginKind.SINK, "K", List.of("out", "side"), null);

    assertEquals(List.of(first, side, mid, last), plan().get(0).transforms());
    assertEquals(List.of(k), plan().get(0).sinks());
  }

  @Test
  void sinkReadingTwoSourcesIsInBothPipelines() {
    PluginDefinition a = add(PluginKind.SOURCE, "A", List.of(), "a");
    PluginDefinition b = add(PluginKind.SOURCE, "B", List.of(), "b");
    PluginDefinition k = add(PluginKind.SINK, "K", List.of("a", "b"), null);

    assertEquals(List.of(new PipelinePlan(1, a, List.of(), List.of(k)), new PipelinePlan(2, b, List.of(), List.of(k))),
        plan());
  }
}
