package io.atoll.runtime.connector;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The plugins one job's task groups run on one worker: a {@link PluginRegistry} whose factories
 * from the {@code plugins/} jars come from a class loader of the job's own (parent: the runtime's
 * loader, so built-in connectors and the SPI stay the runtime's), registered with the node's
 * resource tracker as a {@code classloader} owned by the job until {@link #close()}. Without
 * plugin jars it is the node's registry, with no loader of its own.
 *
 * <p>After {@link #close()} nothing of the runtime holds the loader any more; whatever still does
 * is a leak that {@link ClassLoaderHolders} looks for.
 */
public final class JobPlugins {
  private static final AtomicLong LOADERS = new AtomicLong();

  private final PluginRegistry registry;
  private final URLClassLoader loader;
  private final ResourceTracker.Handle handle;
  private final String description;
  private boolean closed;

  private JobPlugins(PluginRegistry registry, URLClassLoader loader, ResourceTracker.Handle handle, String description) {
    this.registry = registry;
    this.loader = loader;
    this.handle = handle;
    this.description = description;
  }

  static JobPlugins shared(PluginRegistry registry) {
    return new JobPlugins(registry, null, null, "the node's plugins");
  }

  static JobPlugins open(long jobId, List<Path> jars, ResourceTracker tracker,
      Function<ClassLoader, PluginRegistry> registryOf) {
    // the name shows in stack traces (StackTraceElement.getClassLoaderName), which is how a thread
    // still running the job's plugin code is told apart from others
    String name = "atoll-plugins-job-" + jobId + "-" + LOADERS.incrementAndGet();
    URLClassLoader loader = PluginJars.classLoader(name, jars);
    PluginRegistry registry;
    try {
      registry = registryOf.apply(loader);
    } catch (RuntimeException | LinkageError e) {
      closeQuietlyAfter(loader, e);
      throw e;
    }
    String description = "class loader " + name + " of "
        + jars.stream().map(Path::toString).collect(Collectors.joining(", "));
    // The tracker's entry holds the loader only weakly: it outlives close() in the tracker's records.
    WeakReference<URLClassLoader> weak = new WeakReference<>(loader);
    ResourceTracker.Handle handle = tracker.acquire("classloader", ResourceOwner.job(jobId), description,
        PluginJars.size(jars), () -> closeIfAlive(weak));
    return new JobPlugins(registry, loader, handle, description);
  }

  private static void closeIfAlive(WeakReference<URLClassLoader> weak) throws IOException {
    URLClassLoader loader = weak.get();
    if (loader != null) {
      loader.close();
    }
  }

  private static void closeQuietlyAfter(URLClassLoader loader, Throwable failure) {
    try {
      loader.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  public PluginRegistry registry() {
    return registry;
  }

  /** The job's own loader; empty when the node has no plugin jars. */
  public Optional<ClassLoader> loader() {
    return Optional.ofNullable(loader);
  }

  /** What the tracker knows it as: the loader's name and its jars. */
  public String description() {
    return description;
  }

  /**
   * {@code behavior} with the job's loader as its thread's context class loader while it handles a
   * message or signal (so plugin code that looks classes up by name, or threads it starts, see the
   * job's jars), and the thread's own loader back afterwards, so no dispatcher thread keeps it.
   */
  public <T> Behavior<T> around(Behavior<T> behavior) {
    if (loader == null) {
      return behavior;
    }
    return Behaviors.intercept(() -> new ContextLoaderInterceptor<T>(loader), behavior);
  }

  /**
   * Closes the loader and releases its tracker entry; returns what a leak check needs, holding the
   * loader only weakly. Empty when there is no loader of the job's own, or it was closed already.
   */
  public Optional<Closed> close() {
    if (loader == null || closed) {
      return Optional.empty();
    }
    closed = true;
    String failure = null;
    try {
      loader.close();
    } catch (IOException e) {
      failure = e.toString();
    }
    handle.release();
    return Optional.of(new Closed(new WeakReference<>(loader), loader.getName(), handle.entry(), failure));
  }

  /**
   * A closed job loader, held weakly.
   *
   * @param entry its tracker entry (released), to report it as leaked with
   * @param closeFailure why {@code URLClassLoader.close} failed, or null
   */
  public record Closed(WeakReference<ClassLoader> loader, String name, ResourceTracker.Entry entry,
      String closeFailure) {}
}
