package io.atoll.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.runtime.config.NodeConfig;
import io.atoll.runtime.config.NodeSettings;
import io.atoll.runtime.config.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The command line: precedence of flags over the config file over defaults, and usage errors. */
class NodeCommandTest {
  @TempDir Path tmp;

  private record Run(int exitCode, String err) {}

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new NodeCommand());
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    return new Run(cli.execute(args), err.toString());
  }

  private NodeSettings settingsFor(Optional<Path> file, String... args) {
    NodeCommand command = new NodeCommand();
    new CommandLine(command).parseArgs(args);
    return NodeSettings.fromConfig(NodeConfig.load(command.flags(), file));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--role=boss                        | unknown role 'boss'",
    "--port=70000                       | --port must be between 0 and 65535",
    "--http-port=-1                     | --http-port must be between 0 and 65535",
    "--slots=0                          | --slots must be a positive number",
    "--seed-nodes=localhost             | 'localhost' is not host:port",
    "--seed-nodes=h:x                   | 'h:x' has no numeric port",
    "--seed-nodes=atoll@h:25520         | 'atoll@h:25520' is not host:port (nor akka://atoll@host:port)",
    "--seed-nodes=akka://other@h:25520  | 'akka://other@h:25520' names the actor system 'other', but an Atoll cluster's is 'atoll'",
    "--seed-nodes=akka://atoll@h        | 'akka://atoll@h' is not an Akka address (akka://atoll@host:port)",
    "--no-such-flag                     | Unknown option: '--no-such-flag'",
    "--slots=2 --dynamic-slots          | mutually exclusive",
    "--config=/does/not/exist.conf      | config file /does/not/exist.conf does not exist",
  })
  void aWrongFlagOrValueExitsWith2AndSaysWhy(String args, String expected) {
    Run run = run(args.trim().split(" "));
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains(expected), run.err());
    assertTrue(run.err().contains("Usage: atoll"), "the usage is printed too:\n" + run.err());
  }

  @Test
  void aHeartbeatTimeoutNotAboveTheIntervalIsRejectedAtStart() throws Exception {
    Path file = tmp.resolve("bad.conf");
    Files.writeString(file, "atoll.heartbeat { interval = 2s, timeout = 2s }\n");
    Run run = run("--config=" + file, "--data-dir=" + tmp.resolve("d"));
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("atoll.heartbeat.timeout (PT2S) must be greater than atoll.heartbeat.interval"), run.err());
  }

  @Test
  void aSeedGivenAsAWholeAddressIsTakenAsItIs() {
    NodeSettings settings = settingsFor(Optional.empty(), "--seed-nodes=akka://atoll@10.0.0.1:25520,10.0.0.2:25521",
        "--data-dir=" + tmp.resolve("dd"));
    assertEquals(List.of("akka://atoll@10.0.0.1:25520", "akka://atoll@10.0.0.2:25521"), settings.seedNodes());
  }

  @Test
  void aWrongSeedInAConfigFileIsRejectedAtStartNamingTheKey() throws Exception {
    Path file = tmp.resolve("seeds.conf");
    Files.writeString(file, "akka.cluster.seed-nodes = [\"127.0.0.1:25520\"]\n");
    Run run = run("--config=" + file, "--data-dir=" + tmp.resolve("d"));
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("akka.cluster.seed-nodes: '127.0.0.1:25520' is not an Akka address (akka://atoll@host:port)"),
        run.err());
  }

  @Test
  void anEmptyDataDirOrAClusterPortOfTheWrongTypeInAConfigFileIsRejectedAtStart() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty-dir.conf"), "atoll.data-dir = \"\"\n");
    Run run = run("--config=" + empty);
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("atoll.data-dir must not be empty"), run.err());
    Path port = Files.writeString(tmp.resolve("port.conf"), "akka.remote.artery.canonical.port = \"abc\"\n");
    Run wrongType = run("--config=" + port, "--data-dir=" + tmp.resolve("d"));
    assertEquals(2, wrongType.exitCode(), wrongType.err());
    assertTrue(wrongType.err().contains("akka.remote.artery.canonical.port: ") && wrongType.err().contains("port.conf: 1"),
        wrongType.err());
  }

  @Test
  void aConfigFileWithASyntaxErrorNamesTheFileAndLine() throws Exception {
    Path file = tmp.resolve("broken.conf");
    Files.writeString(file, "atoll {\n  http.port = 9000\n  oops = [\n");
    Run run = run("--config=" + file);
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("broken.conf"), run.err());
    assertTrue(run.err().contains(": 4") || run.err().contains(": 3"), run.err());
  }

  @Test
  void withNoFlagsANodeIsAHybridOnLoopbackThatFormsItsOwnCluster() {
    NodeSettings settings = settingsFor(Optional.empty());
    assertEquals(Role.HYBRID, settings.role());
    assertEquals("127.0.0.1", settings.host());
    assertEquals(25520, settings.port());
    assertEquals(List.of(), settings.seedNodes());
    assertEquals(8080, settings.http().port());
    assertEquals(Runtime.getRuntime().availableProcessors(), settings.slotService().slotNum());
    assertEquals(Duration.ofSeconds(1), settings.heartbeat().interval());
    assertEquals(Duration.ofSeconds(5), settings.heartbeat().timeout());
  }

  @Test
  void flagsOverrideTheConfigFileWhichOverridesTheDefaults() throws Exception {
    Path file = tmp.resolve("node.conf");
    Files.writeString(file, """
        atoll.http.port = 9000
        atoll.slot-service.slot-num = 3
        atoll.slot-service.tags { zone = "from-file" }
        atoll.node.role = master
        atoll.heartbeat.timeout = 7s
        """);
    NodeSettings settings = settingsFor(Optional.of(file),
        "--http-port=9001", "--role=worker", "--tag=zone=a", "--tag=disk=ssd",
        "--seed-nodes=10.0.0.1:25520,10.0.0.2:25520", "--data-dir=" + tmp.resolve("dd"));
    assertEquals(9001, settings.http().port(), "flag beats file");
    assertEquals(Role.WORKER, settings.role(), "flag beats file");
    assertEquals(Map.of("zone", "a", "disk", "ssd"), settings.slotService().tags(), "flag beats file");
    assertEquals(3, settings.slotService().slotNum(), "file beats default");
    assertEquals(Duration.ofSeconds(7), settings.heartbeat().timeout(), "file beats default");
    assertEquals(Duration.ofSeconds(1), settings.heartbeat().interval(), "default");
    assertEquals(List.of("akka://atoll@10.0.0.1:25520", "akka://atoll@10.0.0.2:25520"), settings.seedNodes());
    assertEquals(tmp.resolve("dd").toAbsolutePath(), settings.dataDir());
  }

  @Test
  void theRoleBecomesTheClusterRolesAndTheDataDirTheJournalPath() {
    NodeCommand command = new NodeCommand();
    new CommandLine(command).parseArgs("--role=master", "--data-dir=" + tmp.resolve("x"));
    var config = NodeConfig.load(command.flags(), Optional.empty());
    assertEquals(List.of("master"), config.getStringList("akka.cluster.roles"));
    assertEquals(tmp.resolve("x").resolve("journal").toAbsolutePath().toString(),
        config.getString("akka.persistence.journal.leveldb.dir"));
  }

  @Test
  void aLocalRunFormsNoClusterAndItsFastTicksGiveWayToTheConfigFileWhileANodeKeepsAkkasOwn() throws Exception {
    NodeCommand command = new NodeCommand();
    new CommandLine(command).parseArgs();
    var local = NodeConfig.load(command.flags(), Optional.empty(), RunCommand.LOCAL_RUN_DEFAULTS);
    assertEquals(100, local.getDuration("akka.cluster.gossip-interval").toMillis());
    assertEquals(50, local.getDuration("akka.cluster.sharding.coordinator-singleton.hand-over-retry-interval").toMillis());
    assertEquals(50, local.getDuration("akka.cluster.singleton-proxy.singleton-identification-interval").toMillis());
    assertEquals("local", local.getString("akka.actor.provider"), "a local run forms no cluster");
    assertFalse(NodeSettings.fromConfig(local).clustered());

    Path file = tmp.resolve("slow.conf");
    Files.writeString(file, "akka.cluster.gossip-interval = 2s\n");
    var fromFile = NodeConfig.load(command.flags(), Optional.of(file), RunCommand.LOCAL_RUN_DEFAULTS);
    assertEquals(2000, fromFile.getDuration("akka.cluster.gossip-interval").toMillis(), "the --config file wins");

    var node = NodeConfig.load(command.flags(), Optional.empty());
    assertEquals(1000, node.getDuration("akka.cluster.gossip-interval").toMillis(), "a node keeps Akka's tick");
    assertEquals(200, node.getDuration("akka.cluster.singleton-proxy.singleton-identification-interval").toMillis());
    assertTrue(NodeSettings.fromConfig(node).clustered());
  }

  @Test
  void theJdbcJournalIsChosenByConfigurationAlone() throws Exception {
    Path file = tmp.resolve("jdbc.conf");
    Files.writeString(file, "atoll.persistence { journal = jdbc, jdbc { url = \"jdbc:postgresql://db:5432/atoll\", user = atoll } }\n");
    NodeCommand command = new NodeCommand();
    new CommandLine(command).parseArgs();
    var config = NodeConfig.load(command.flags(), Optional.of(file));
    assertEquals("jdbc-journal", config.getString("akka.persistence.journal.plugin"));
    assertEquals("jdbc-snapshot-store", config.getString("akka.persistence.snapshot-store.plugin"));
    assertEquals("jdbc:postgresql://db:5432/atoll",
        config.getString("akka-persistence-jdbc.shared-databases.slick.db.url"));
    assertEquals("eventsourced", config.getString("akka.cluster.sharding.remember-entities-store"));
    assertEquals("", config.getString("akka.cluster.sharding.journal-plugin-id"),
        "remembered job masters go to the default journal: the shared database");
  }

  @Test
  void aMasterWhoseJournalDatabaseIsUnreachableExitsWith1NamingTheUrlNotThePassword() throws Exception {
    Path file = tmp.resolve("jdbc.conf");
    Files.writeString(file, "atoll.persistence { journal = jdbc, jdbc { url = \"jdbc:postgresql://127.0.0.1:1/atoll\","
        + " user = atoll, password = s3cret-pw, connection-timeout = 2s } }\n");
    Run run = run("--role=master", "--port=0", "--http-port=0", "--config=" + file, "--data-dir=" + tmp.resolve("m"));
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("atoll: cannot use the journal database jdbc:postgresql://127.0.0.1:1/atoll as user 'atoll'"),
        run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(!run.err().contains("s3cret-pw"), run.err());
    assertTrue(!run.err().contains("Usage"), run.err());
  }

  @Test
  void dynamicSlotsFlagSwitchesTheSlotMode() {
    assertTrue(settingsFor(Optional.empty(), "--dynamic-slots").slotService().dynamicSlot());
    assertEquals(4, settingsFor(Optional.empty(), "--slots=4").slotService().slotNum());
  }
}
