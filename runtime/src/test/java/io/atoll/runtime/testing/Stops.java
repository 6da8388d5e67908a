package io.atoll.runtime.testing;

import io.atoll.runtime.node.AtollNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a node within a bound, and when it does not stop in time prints every thread's stack
 * before failing, so that a hang seen once on a CI machine can be read from its log afterwards.
 */
public final class Stops {
  private Stops() {}

  public static void stop(AtollNode node, String name, long seconds) throws Exception {
    long started = System.nanoTime();
    try {
      node.stop().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      System.err.println("node " + name + " did not stop within " + seconds + " s; the threads now:");
      System.err.println(threadDump());
      if (node.system().classicSystem() instanceof akka.actor.ActorSystemImpl impl) {
        System.err.println("its actors now:\n" + impl.printTree());
      }
      System.err.println("coordinated shutdown reason: "
          + akka.actor.CoordinatedShutdown.get(node.system().classicSystem()).getShutdownReason());
      throw new AssertionError("node " + name + " did not stop within " + seconds + " s (thread dump above)", e);
    }
    System.err.printf("node %s stopped in %d ms%n", name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /** Every live thread with its whole stack, locks included (ThreadInfo.toString cuts at 8 frames). */
  public static String threadDump() {
    StringBuilder out = new StringBuilder();
    for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
      out.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
      if (info.getLockName() != null) {
        out.append(" on ").append(info.getLockName());
      }
      if (info.getLockOwnerName() != null) {
        out.append(" owned by \"").append(info.getLockOwnerName()).append('"');
      }
      out.append('\n');
      for (StackTraceElement frame : info.getStackTrace()) {
        out.append("    at ").append(frame).append('\n');
      }
    }
    return out.toString();
  }
}
