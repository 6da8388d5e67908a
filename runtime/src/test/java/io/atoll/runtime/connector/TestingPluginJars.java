package io.atoll.runtime.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.PluginFactory;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars in a test, as a plugin author would: compiles sources against the protocol,
 * the config library and the runtime's test classes (so a plugin can report to {@link LoaderProbe}),
 * and packs them with their service file.
 */
final class TestingPluginJars {
  private TestingPluginJars() {}

  /** The jar probe-sink.jar in {@code pluginsDir}, with the "ProbeSink" of {@link #PROBE_SINK}. */
  static Path probeSink(Path pluginsDir, Path work) throws Exception {
    return build(pluginsDir.resolve("probe-sink.jar"), work, Map.of(
        "jarloader/ProbeSinkFactory.java", PROBE_SINK,
        "jarloader/ProbeWriter.java", PROBE_WRITER), List.of("jarloader.ProbeSinkFactory"));
  }

  /**
   * A sink whose writers report their class loader and how many writers that loader's copy of the
   * class has made ({@code static} state) to {@link LoaderProbe} under option {@code probe}; with
   * {@code leak_thread = true} each writer starts a thread named {@code leaky-<probe>} that waits
   * until interrupted, never stopped by the plugin.
   */
  static final String PROBE_SINK = """
      package jarloader;
      import io.atoll.protocol.connector.OptionSpec;
      import io.atoll.protocol.connector.OptionType;
      public final class ProbeSinkFactory implements io.atoll.protocol.connector.SinkFactory {
        public String name() { return "ProbeSink"; }
        public java.util.List<OptionSpec> options() {
          return java.util.List.of(OptionSpec.key("probe").required().description("probe name"),
              OptionSpec.key("leak_thread").type(OptionType.BOOLEAN).defaultValue(false).description("leak"));
        }
        public io.atoll.protocol.connector.Sink createSink(com.typesafe.config.Config c,
            io.atoll.protocol.data.RowType t) {
          String probe = c.getString("probe");
          boolean leak = c.hasPath("leak_thread") && c.getBoolean("leak_thread");
          return context -> new ProbeWriter(probe, leak);
        }
      }
      """;

  static final String PROBE_WRITER = """
      package jarloader;
      final class ProbeWriter implements io.atoll.protocol.connector.SinkWriter {
        private static int writers;
        ProbeWriter(String probe, boolean leak) {
          int made;
          synchronized (ProbeWriter.class) {
            made = ++writers;
          }
          io.atoll.runtime.connector.LoaderProbe.seen(probe, ProbeWriter.class.getClassLoader(), made);
          if (leak) {
            Thread thread = new Thread(ProbeWriter::waitForEver, "leaky-" + probe);
            thread.setDaemon(true);
            thread.start();
          }
        }
        private static void waitForEver() {
          try {
            new java.util.concurrent.CountDownLatch(1).await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        public void write(io.atoll.protocol.data.Row row) {}
      }
      """;

  /** Compiles {@code sources} (path in the jar → text) into {@code jar}, listing {@code factories} as services. */
  static Path build(Path jar, Path work, Map<String, String> sources, List<String> factories) throws Exception {
    Path src = Files.createDirectories(work.resolve("src-" + jar.getFileName()));
    Path classes = Files.createDirectories(work.resolve("classes-" + jar.getFileName()));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", String.join(File.pathSeparator,
        location(PluginFactory.class), location(Config.class), location(LoaderProbe.class))));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      args.add(file.toString());
    }
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)),
        "the test plugin must compile");
    Files.createDirectories(jar.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        put(out, classes.relativize(f).toString().replace(File.separatorChar, '/'), Files.readAllBytes(f));
      }
      put(out, "META-INF/services/" + PluginFactory.class.getName(),
          (String.join("\n", factories) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return jar;
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
