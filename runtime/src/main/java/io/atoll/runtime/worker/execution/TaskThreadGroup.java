package io.atoll.runtime.worker.execution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The thread group of one task group ({@link TaskGroupDispatcher}): the runtime's own thread(s) run
 * its actor, and any thread the task group's plugin code starts lands here too, since a new thread
 * joins its creator's group. {@link #strays()} are the live ones the runtime did not start.
 */
public final class TaskThreadGroup extends ThreadGroup {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Set<Thread> runtime = ConcurrentHashMap.newKeySet();

  /**
   * A daemon group: it is destroyed, and so dropped by its parent group (which holds every child
   * group until then), once its last thread has ended — at once for a task group whose plugins left
   * no thread running, later for one that did.
   */
  @SuppressWarnings("removal")
  public TaskThreadGroup() {
    super("atoll-task-group-" + SEQUENCE.incrementAndGet());
    setDaemon(true);
  }

  /** Threads of the runtime in this group, with {@code loader} as context classloader (never a job's). */
  ThreadFactory factory(ClassLoader loader) {
    AtomicLong count = new AtomicLong();
    return task -> {
      Thread t = new Thread(this, task, getName() + "-" + count.incrementAndGet());
      t.setDaemon(true);
      t.setContextClassLoader(loader);
      runtime.add(t);
      return t;
    };
  }

  /** Marks a thread as the runtime's (tests run a task group's code in threads they start). */
  void adopt(Thread thread) {
    runtime.add(thread);
  }

  boolean isRuntimeThread(Thread thread) {
    return runtime.contains(thread);
  }

  /** Live threads in this group (and its subgroups) that the runtime did not start. */
  List<Thread> strays() {
    Thread[] found = new Thread[activeCount() + 8];
    int n;
    while ((n = enumerate(found, true)) == found.length) {
      found = new Thread[found.length * 2];
    }
    List<Thread> strays = new ArrayList<>();
    for (Thread t : Arrays.asList(found).subList(0, n)) {
      if (t.isAlive() && !runtime.contains(t)) {
        strays.add(t);
      }
    }
    return strays;
  }
}
