package io.atoll.protocol.connector;

/**
 * Where a plugin instance registers what it holds (open files and streams, connections, threads,
 * temp files) with its node's resource tracker, so that what it still holds when its task or job
 * ends is reported as a leak with the place it was taken, and released by the runtime where that is
 * safe. The scope belongs to one owner (a task group of a job); the runtime makes one per task and
 * hands it out through the reader, writer and enumerator contexts.
 *
 * <pre>{@code
 * InputStream in = Files.newInputStream(path);
 * ResourceScope.Held held = context.resources().hold("file", path.toString(), in);
 * ... read ...
 * in.close();
 * held.release();
 * }</pre>
 */
public interface ResourceScope {
  /** A scope that tracks nothing: its handles do nothing when released. */
  ResourceScope UNTRACKED = (kind, description, reclaim) -> () -> {};

  /**
   * Registers a resource as held by this scope's owner until {@link Held#release()}.
   *
   * @param kind what it is: {@code file}, {@code connection}, {@code thread}, {@code temp-file}, …
   * @param description what an operator reading a leak report needs to find it (a path, a URL
   *     without its password, a thread's name)
   * @param reclaim closes it when the owner ends still holding it; null when the runtime cannot
   *     safely release it (then it is only reported)
   */
  Held hold(String kind, String description, AutoCloseable reclaim);

  /** One registration. Releasing it twice is reported as a double release. */
  @FunctionalInterface
  interface Held extends AutoCloseable {
    void release();

    @Override
    default void close() {
      release();
    }
  }
}
