package io.atoll.runtime.connector;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a class a job names by its name (a JDBC driver, an XA data source) in the node's
 * {@code plugins/} jars too. Built-in connectors are loaded by the runtime's class loader, which
 * does not see a jar dropped in {@code plugins/}; the node-wide loader {@link PluginRegistry#load}
 * builds over those jars is kept here. A node has one plugins directory, so one loader per JVM (the
 * last one loaded) is enough.
 *
 * <p>That node-wide loader is asked before the thread's context loader (while a task group runs,
 * its job's own plugin loader): a JDBC driver registers itself with {@code DriverManager} when its
 * class is initialised, which would keep a job's loader reachable for ever after the job ended. So
 * drivers live as long as the node, loaded once, as before plugin loaders were per job.
 */
public final class PluginClasses {
  private static volatile ClassLoader pluginJars;

  private PluginClasses() {}

  static void usePluginJars(ClassLoader loader) {
    pluginJars = loader;
  }

  /**
   * The class, from the node's plugin jars (or the runtime, their parent), the thread's context
   * loader or the runtime, in that order.
   *
   * @throws ClassNotFoundException when none has it
   */
  public static Class<?> load(String name) throws ClassNotFoundException {
    List<ClassLoader> loaders = new ArrayList<>();
    ClassLoader jars = pluginJars;
    if (jars != null) {
      loaders.add(jars);
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      loaders.add(context);
    }
    loaders.add(PluginClasses.class.getClassLoader());
    ClassNotFoundException last = null;
    for (ClassLoader loader : loaders) {
      try {
        return Class.forName(name, true, loader);
      } catch (ClassNotFoundException e) {
        last = e;
      }
    }
    throw last;
  }
}
