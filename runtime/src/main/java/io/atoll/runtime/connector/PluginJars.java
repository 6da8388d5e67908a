package io.atoll.runtime.connector;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The jars of a plugins directory, checked one by one so a broken one is named in the error. */
final class PluginJars {
  private PluginJars() {}

  /**
   * A class loader over every {@code *.jar} directly in {@code dir}, child of the runtime's loader
   * (so plugins see the protocol SPI classes the runtime uses); empty when the directory does not
   * exist or holds no jar. The loader is never closed: the plugins' classes live as long as the
   * node.
   */
  static Optional<ClassLoader> classLoader(Path dir) {
    if (!Files.exists(dir)) {
      return Optional.empty();
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("plugins directory " + dir + " is not a directory");
    }
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars(dir)) {
      checkJar(jar);
      urls.add(url(jar));
    }
    if (urls.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new URLClassLoader(
        "atoll-plugins", urls.toArray(URL[]::new), PluginRegistry.class.getClassLoader()));
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
