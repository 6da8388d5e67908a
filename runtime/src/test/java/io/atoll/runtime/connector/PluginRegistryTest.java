package io.atoll.runtime.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.PluginFactory;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.connector.SinkFactory;
import io.atoll.runtime.job.testing.TestingSinkFactory;
import io.atoll.runtime.job.testing.TestingSourceFactory;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {
  @TempDir
  Path tmp;

  @Test
  void classpathFactoriesAreFoundByKindAndName() {
    PluginRegistry registry = PluginRegistry.fromClasspath();

    assertInstanceOf(TestingSourceFactory.class, registry.source("TestSource"));
    assertEquals("TestTransform", registry.transform("TestTransform").name());
    assertTrue(registry.find(PluginKind.SINK, "TestSink").isPresent());
    assertTrue(registry.find(PluginKind.SOURCE, "TestSink").isEmpty(), "names are per kind");
    assertTrue(registry.find(PluginKind.SINK, "testsink").isEmpty(), "names are case-sensitive");
    List<String> sinks = registry.names(PluginKind.SINK);
    assertEquals(sinks.stream().sorted().toList(), sinks);
  }

  @Test
  void unknownNameIsAnErrorListingTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PluginRegistry.of(List.of(new TestingSinkFactory())).sink("Consol"));

    assertEquals("no sink plugin is named 'Consol'; known sink plugins: TestSink", e.getMessage());
  }

  @Test
  void twoFactoriesWithOneNameAreRefusedNamingBothClasses() {
    SinkFactory other = new SinkFactory() {
      @Override
      public String name() {
        return "TestSink";
      }

      @Override
      public List<io.atoll.protocol.connector.OptionSpec> options() {
        return List.of();
      }

      @Override
      public io.atoll.protocol.connector.Sink createSink(Config config, io.atoll.protocol.data.RowType input) {
        return context -> null;
      }
    };

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> PluginRegistry.of(List.of(new TestingSinkFactory(), other)));

    assertTrue(e.getMessage().contains(TestingSinkFactory.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(other.getClass().getName()), e.getMessage());
  }

  @Test
  void missingPluginsDirectoryAddsNothing() {
    PluginRegistry registry = PluginRegistry.load(Optional.of(tmp.resolve("absent")));

    assertEquals(PluginRegistry.fromClasspath().names(PluginKind.SINK), registry.names(PluginKind.SINK));
    assertEquals(PluginRegistry.fromClasspath().names(PluginKind.SOURCE),
        PluginRegistry.load(Optional.empty()).names(PluginKind.SOURCE));
  }

  @Test
  void pluginsDirectoryThatIsAFileOrHoldsABrokenJarIsAClearError() throws IOException {
    Path file = Files.writeString(tmp.resolve("plugins"), "not a directory");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PluginRegistry.load(Optional.of(file)))
        .getMessage().contains("is not a directory"));

    Path dir = Files.createDirectory(tmp.resolve("dir"));
    Path broken = Files.writeString(dir.resolve("broken.jar"), "not a zip");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PluginRegistry.load(Optional.of(dir)));
    assertTrue(e.getMessage().startsWith("plugin jar " + broken + " cannot be read as a jar"), e.getMessage());
  }

  @Test
  void jarInThePluginsDirectoryAddsItsFactories() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("plugins"));
    buildPluginJar(dir.resolve("jar-sink.jar"), "JarSinkFactory", "JarSink");

    PluginRegistry registry = PluginRegistry.load(Optional.of(dir));

    PluginFactory factory = registry.sink("JarSink");
    assertEquals("jarplugin.JarSinkFactory", factory.getClass().getName());
    assertInstanceOf(URLClassLoader.class, factory.getClass().getClassLoader());
    assertTrue(registry.names(PluginKind.SINK).containsAll(List.of("JarSink", "TestSink")));
  }

  @Test
  void jarRedefiningAClasspathPluginIsRefused() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("plugins"));
    buildPluginJar(dir.resolve("shadow.jar"), "ShadowSinkFactory", "TestSink");

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> PluginRegistry.load(Optional.of(dir)));

    assertTrue(e.getMessage().startsWith("two sink plugins are named 'TestSink': "), e.getMessage());
    assertTrue(e.getMessage().contains(TestingSinkFactory.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("jarplugin.ShadowSinkFactory"), e.getMessage());
  }

  @Test
  void aClassAJobNamesIsFoundInThePluginsJarsLikeAJdbcDriver() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("plugins"));
    Path src = Files.createDirectories(tmp.resolve("src-driver/jardriver"));
    Path classes = Files.createDirectories(tmp.resolve("classes-driver"));
    Path source = Files.writeString(src.resolve("TinyDriver.java"), """
        package jardriver;
        public final class TinyDriver implements java.sql.Driver {
          public java.sql.Connection connect(String url, java.util.Properties p) { return null; }
          public boolean acceptsURL(String url) { return url.startsWith("jdbc:tiny:"); }
          public java.sql.DriverPropertyInfo[] getPropertyInfo(String u, java.util.Properties p) {
            return new java.sql.DriverPropertyInfo[0];
          }
          public int getMajorVersion() { return 1; }
          public int getMinorVersion() { return 0; }
          public boolean jdbcCompliant() { return false; }
          public java.util.logging.Logger getParentLogger() { return null; }
        }
        """);
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
        source.toString()), "the test driver must compile");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(dir.resolve("tiny-driver.jar")))) {
      put(out, "jardriver/TinyDriver.class", Files.readAllBytes(classes.resolve("jardriver/TinyDriver.class")));
    }
    assertThrows(ClassNotFoundException.class, () -> PluginClasses.load("jardriver.TinyDriver"),
        "not on the runtime's classpath");

    PluginRegistry.load(Optional.of(dir));

    Class<?> driver = PluginClasses.load("jardriver.TinyDriver");
    assertTrue(java.sql.Driver.class.isAssignableFrom(driver));
    assertInstanceOf(URLClassLoader.class, driver.getClassLoader());
  }

  /** Compiles a one-class sink factory and packs it with its service file, as a plugin author would. */
  private void buildPluginJar(Path jar, String className, String pluginName) throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src-" + className + "/jarplugin"));
    Path classes = Files.createDirectories(tmp.resolve("classes-" + className));
    Path source = Files.writeString(src.resolve(className + ".java"), """
        package jarplugin;
        public final class %s implements io.atoll.protocol.connector.SinkFactory {
          public String name() { return "%s"; }
          public java.util.List<io.atoll.protocol.connector.OptionSpec> options() { return java.util.List.of(); }
          public io.atoll.protocol.connector.Sink createSink(com.typesafe.config.Config c,
              io.atoll.protocol.data.RowType t) { return context -> null; }
        }
        """.formatted(className, pluginName));
    String classpath = location(PluginFactory.class) + File.pathSeparator + location(Config.class);
    int status = ToolProvider.getSystemJavaCompiler()
        .run(null, null, null, "-d", classes.toString(), "-cp", classpath, source.toString());
    assertEquals(0, status, "the test plugin must compile");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        put(out, classes.relativize(f).toString().replace(File.separatorChar, '/'), Files.readAllBytes(f));
      }
      put(out, "META-INF/services/" + PluginFactory.class.getName(),
          ("jarplugin." + className + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(bytes);
    out.closeEntry();
  }

  private static String location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
