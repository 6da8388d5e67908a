package io.atoll.runtime.connector;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The jars of a plugins directory, checked one by one so a broken one is named in the error. */
final class PluginJars {
  private PluginJars() {}

  /**
   * Every {@code *.jar} directly in {@code dir}, sorted, each opened once to prove it is a jar;
   * empty when the directory does not exist.
   *
   * @throws IllegalArgumentException for a directory that is a file or cannot be read, or a broken jar
   */
  static List<Path> list(Path dir) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("plugins directory " + dir + " is not a directory");
    }
    List<Path> jars = jars(dir);
    jars.forEach(PluginJars::checkJar);
    return jars;
  }

  /**
   * A class loader named {@code name} over {@code jars}, child of the runtime's loader (so plugins
   * see the protocol SPI classes the runtime uses, and the built-in connectors stay the runtime's).
   * The caller closes it.
   */
  static URLClassLoader classLoader(String name, List<Path> jars) {
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      urls.add(url(jar));
    }
    return new URLClassLoader(name, urls.toArray(URL[]::new), PluginRegistry.class.getClassLoader());
  }

  /** The jars' total size in bytes (a figure for the resource tracker; 0 for one that vanished). */
  static long size(List<Path> jars) {
    return jars.stream().mapToLong(jar -> jar.toFile().length()).sum();
  }

  private static List<Path> jars(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> p.getFileName().toString().endsWith(".jar"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read plugins directory " + dir + ": " + e, e);
    }
  }

  /** Opening the jar up front turns a corrupt file into an error naming it, not a vague one later. */
  private static void checkJar(Path jar) {
    try (JarFile ignored = new JarFile(jar.toFile())) {
      // opened and closed only to prove it is a readable jar
    } catch (IOException e) {
      throw new IllegalArgumentException("plugin jar " + jar + " cannot be read as a jar: " + e.getMessage(), e);
    }
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("plugin jar " + jar + " has no usable URL: " + e.getMessage(), e);
    }
  }
}
