package io.atoll.runtime.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import akka.actor.testkit.typed.javadsl.BehaviorTestKit;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextLoaderInterceptorTest {
  @Test
  void theJobsLoaderIsTheContextLoaderWhileTheActorRunsAndTheThreadsOwnAfterwards() throws Exception {
    try (URLClassLoader jobLoader = new URLClassLoader("job-loader", new URL[0], getClass().getClassLoader())) {
      List<ClassLoader> seen = new ArrayList<>();
      Behavior<String> recording = Behaviors.setup(context -> {
        seen.add(Thread.currentThread().getContextClassLoader());
        return Behaviors.receiveMessage(message -> {
          seen.add(Thread.currentThread().getContextClassLoader());
          return Behaviors.same();
        });
      });
      ClassLoader own = Thread.currentThread().getContextClassLoader();

      BehaviorTestKit<String> actor = BehaviorTestKit.create(
          Behaviors.intercept(() -> new ContextLoaderInterceptor<>(jobLoader), recording));
      actor.run("a row");

      assertEquals(List.of(jobLoader, jobLoader), seen, "at start and for a message");
      assertSame(own, Thread.currentThread().getContextClassLoader(), "the thread's own loader is back");
    }
  }
}
