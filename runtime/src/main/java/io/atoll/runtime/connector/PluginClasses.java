package io.atoll.runtime.connector;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a class a job names by its name (a JDBC driver, an XA data source) in the node's
 * {@code plugins/} jars too. Plugin code is loaded by the runtime's class loader and runs on
 * threads whose context loader is that one as well, so neither sees a jar dropped in
 * {@code plugins/}; the loader {@link PluginRegistry#load} builds over those jars is kept here.
 * A node has one plugins directory, so one loader per JVM (the last one loaded) is enough.
 */
public final class PluginClasses {
  private static volatile ClassLoader pluginJars;

  private PluginClasses() {}

  static void usePluginJars(ClassLoader loader) {
    pluginJars = loader;
  }

  /**
   * The class, from the thread's context loader, the plugins' jars or the runtime, in that order.
   *
   * @throws ClassNotFoundException when none has it
   */
  public static Class<?> load(String name) throws ClassNotFoundException {
    List<ClassLoader> loaders = new ArrayList<>();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      loaders.add(context);
    }
    ClassLoader jars = pluginJars;
    if (jars != null) {
      loaders.add(jars);
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
