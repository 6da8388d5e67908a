package io.atoll.runtime.connector;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the test plugins of {@link TestingPluginJars} report the class loader their code runs in;
 * it holds each loader only weakly, so it does not keep one from being collected.
 */
public final class LoaderProbe {
  /**
   * One report.
   *
   * @param made how many writers the reporting class (its copy in that loader) made so far
   */
  public record Seen(String loaderName, int made, WeakReference<ClassLoader> loader) {}

  private static final Map<String, List<Seen>> SEEN = new ConcurrentHashMap<>();

  private LoaderProbe() {}

  public static void seen(String probe, ClassLoader loader, int made) {
    SEEN.computeIfAbsent(probe, p -> new CopyOnWriteArrayList<>())
        .add(new Seen(loader.getName(), made, new WeakReference<>(loader)));
  }

  public static List<Seen> seen(String probe) {
    return List.copyOf(SEEN.getOrDefault(probe, List.of()));
  }
}
