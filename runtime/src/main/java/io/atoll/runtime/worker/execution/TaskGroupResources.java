package io.atoll.runtime.worker.execution;

import io.atoll.protocol.connector.ResourceScope;
import io.atoll.protocol.execution.TaskGroupId;
import io.atoll.runtime.resource.ResourceOwner;
import io.atoll.runtime.resource.ResourceTracker;
import java.util.ArrayList;
import java.util.List;

/**
 * What one task group holds on this worker, as its node's {@link ResourceTracker} sees it: the
 * owner and {@link ResourceScope} its plugins register under (through their reader, writer and
 * enumerator contexts), and the thread it runs on. When the task group ends, {@link #end} reports
 * what is still held: threads its plugins started and left running in its {@link TaskThreadGroup}
 * (found there, with each one's current stack as its site) and whatever its scope still holds.
 * Plain code; the task group actor calls it on its own thread.
 */
final class TaskGroupResources {
  static final String THREAD_OUTCOME = "left running: the runtime cannot stop a thread safely (it may hold "
      + "locks or half-written data); the plugin must stop the threads it starts when it is closed";

  private final ResourceTracker tracker;
  private final ResourceOwner owner;
  private final ResourceScope scope;
  private final TaskThreadGroup threads;
  private final String sharedPrefix;
  private final List<ResourceTracker.Handle> own = new ArrayList<>();
  private boolean ended;

  /**
   * Called on the task group's own thread, which it registers as the task group's.
   *
   * @param systemName the node's ActorSystem name: threads of its shared dispatchers, named
   *     {@code <systemName>-<dispatcher>-<n>}, land in this group when the task group's thread is the
   *     first to use them (a pool creates its threads on the submitter's), but are not the task
   *     group's; nor are those of the JDK's common ForkJoinPool
   */
  TaskGroupResources(ResourceTracker tracker, TaskGroupId id, String systemName) {
    this.tracker = tracker;
    this.sharedPrefix = systemName + "-";
    this.owner = owner(id);
    this.scope = tracker.scope(owner);
    Thread current = Thread.currentThread();
    this.threads = current.getThreadGroup() instanceof TaskThreadGroup group ? group : null;
    if (threads != null) {
      own.add(tracker.acquire("thread", owner, "thread '" + current.getName() + "' running task group " + id, 0,
          null));
    }
  }

  static ResourceOwner owner(TaskGroupId id) {
    return ResourceOwner.task(id.jobId(), id.pipelineId(), id.index(), id.attempt());
  }

  ResourceOwner owner() {
    return owner;
  }

  ResourceScope scope() {
    return scope;
  }

  /** Whether this task group runs in a thread group of its own (it does on the task dispatcher). */
  boolean threadsTracked() {
    return threads != null;
  }

  /**
   * The task group ended in {@code state} (FINISHED, FAILED, CANCELED): what it still holds is
   * leaked. Call after its plugins were closed. Only the first call counts.
   *
   * @return the leaks found
   */
  List<ResourceTracker.Leak> end(String state) {
    if (ended) {
      return List.of();
    }
    ended = true;
    String how = "task group " + state;
    List<ResourceTracker.Leak> leaks = new ArrayList<>();
    if (threads != null) {
      for (Thread stray : threads.strays()) {
        if (shared(stray)) {
          continue;
        }
        leaks.add(tracker.found("thread", owner, stray.getName() + " (" + stray.getState()
            + ", started by the task group's plugin code, still running)", site(stray), how, THREAD_OUTCOME));
      }
    }
    own.forEach(ResourceTracker.Handle::release);
    leaks.addAll(tracker.ownerEnded(owner, how));
    return leaks;
  }

  private boolean shared(Thread thread) {
    String name = thread.getName();
    return name.startsWith(sharedPrefix) || name.startsWith("ForkJoinPool.commonPool-worker-");
  }

  /**
   * Where a stray thread is now: its top frame, then its frames from the first one outside the JDK
   * (the plugin's class and line), so a thread parked deep in the JDK still shows who runs it.
   */
  static List<String> site(Thread thread) {
    StackTraceElement[] stack = thread.getStackTrace();
    List<String> site = new ArrayList<>();
    int first = 0;
    while (first < stack.length && isJdk(stack[first])) {
      first++;
    }
    if (first == stack.length) {
      first = 0; // only JDK frames: show them as they are
    } else if (first > 0) {
      site.add(stack[0].toString());
    }
    for (int i = first; i < stack.length && site.size() < ResourceTracker.SITE_FRAMES; i++) {
      site.add(stack[i].toString());
    }
    return site;
  }

  private static boolean isJdk(StackTraceElement frame) {
    String c = frame.getClassName();
    return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.");
  }
}
