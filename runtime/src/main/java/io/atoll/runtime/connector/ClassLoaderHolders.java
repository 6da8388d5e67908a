package io.atoll.runtime.connector;

import io.atoll.runtime.resource.ResourceTracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live threads that keep a closed class loader reachable, as far as the JVM tells: one whose
 * context class loader it is, one whose class it loaded, one running code of a class it loaded.
 * Other holders (a static field of a class in another loader, a JDBC driver registered with
 * {@code DriverManager}) are not visible from here; a heap dump finds those.
 */
final class ClassLoaderHolders {
  private ClassLoaderHolders() {}

  /**
   * A thread that holds the loader.
   *
   * @param site "thread 'name' (STATE): why", then its stack down to at least the loader's first
   *     frame (at least {@link ResourceTracker#SITE_FRAMES} frames)
   */
  record Holder(String thread, List<String> site) {}

  /** The threads holding {@code loader}, by name. */
  static List<Holder> of(ClassLoader loader) {
    List<Holder> holders = new ArrayList<>();
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      why(e.getKey(), e.getValue(), loader).ifPresent(why -> holders.add(holder(e.getKey(), e.getValue(), loader, why)));
    }
    holders.sort(Comparator.comparing(Holder::thread));
    return holders;
  }

  private static Optional<String> why(Thread thread, StackTraceElement[] stack, ClassLoader loader) {
    if (thread.getContextClassLoader() == loader) {
      return Optional.of("its context class loader is " + loader.getName());
    }
    if (thread.getClass().getClassLoader() == loader) {
      return Optional.of("its class " + thread.getClass().getName() + " was loaded by " + loader.getName());
    }
    return Arrays.stream(stack).filter(frame -> ownFrame(frame, loader)).findFirst()
        .map(frame -> "it runs " + frame.getClassName() + " loaded by " + loader.getName());
  }

  private static Holder holder(Thread thread, StackTraceElement[] stack, ClassLoader loader, String why) {
    int firstOwn = 0;
    while (firstOwn < stack.length && !ownFrame(stack[firstOwn], loader)) {
      firstOwn++;
    }
    int keep = Math.min(stack.length, Math.max(ResourceTracker.SITE_FRAMES, firstOwn + 1));
    List<String> site = new ArrayList<>();
    site.add("thread '" + thread.getName() + "' (" + thread.getState() + "): " + why);
    for (int i = 0; i < keep; i++) {
      site.add(stack[i].toString());
    }
    return new Holder(thread.getName(), List.copyOf(site));
  }

  private static boolean ownFrame(StackTraceElement frame, ClassLoader loader) {
    return loader.getName() != null && loader.getName().equals(frame.getClassLoaderName());
  }
}
