package io.atoll.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.runtime.cli.NodeCommand;
import io.atoll.runtime.testing.TestingCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code atoll.cluster.tls} → Artery's TLS settings, and the checks of the key material before a
 * node starts: each wrong file, password or pairing is refused with the option and the file named.
 * The certificates are made once with keytool (a CA, two nodes it signed, a node of another CA).
 */
class ClusterTlsSettingsTest {
  @TempDir static Path certs;
  @TempDir Path tmp;
  private static TestingCertificates made;
  private static Path ca;
  private static Path nodeA;
  private static Path nodeB;
  private static Path foreign;
  private static Path trust;

  @BeforeAll
  static void makeCertificates() throws Exception {
    made = new TestingCertificates(certs);
    ca = made.ca("cluster");
    nodeA = made.node("node-a", ca);
    nodeB = made.node("node-b", ca);
    foreign = made.node("foreign", made.ca("other"));
    trust = made.trustStore("cluster", ca);
  }

  private static String keyStores(Path keyStore, Path trustStore) {
    return """
        atoll.cluster.tls {
          enabled = on
          key-store = "%s"
          key-store-password = "%s"
          trust-store = "%s"
          trust-store-password = "%s"
        }
        """.formatted(keyStore, TestingCertificates.PASSWORD, trustStore, TestingCertificates.PASSWORD);
  }

  private static String pem(Path certificate, Path privateKey, Path caCertificate) {
    return """
        atoll.cluster.tls {
          enabled = on
          pem { certificate = "%s", private-key = "%s", ca = "%s" }
        }
        """.formatted(certificate, privateKey, caCertificate);
  }

  private Config load(String hocon) throws Exception {
    Path file = Files.writeString(tmp.resolve("node.conf"), hocon);
    return NodeConfig.load(ConfigFactory.empty(), Optional.of(file));
  }

  private String refused(String hocon) throws Exception {
    Path file = Files.writeString(tmp.resolve("node.conf"), hocon);
    return assertThrows(SettingsException.class, () -> NodeConfig.load(ConfigFactory.empty(), Optional.of(file)))
        .getMessage();
  }

  @Test
  void offByDefaultArteryStaysOnPlainTcp() throws Exception {
    Config config = load("");
    assertEquals("tcp", config.getString("akka.remote.artery.transport"));
    assertFalse(ClusterTlsSettings.fromConfig(config.getConfig("atoll")).enabled());
  }

  @Test
  void keyStoresBecomeArteryTlsWithMutualAuthentication() throws Exception {
    Config config = load(keyStores(nodeA, trust) + "akka.remote.artery.ssl.config-ssl-engine.require-mutual-authentication = off\n");
    assertEquals("tls-tcp", config.getString("akka.remote.artery.transport"));
    assertEquals(ClusterTlsSettings.CONFIG_ENGINE, config.getString("akka.remote.artery.ssl.ssl-engine-provider"));
    Config engine = config.getConfig("akka.remote.artery.ssl.config-ssl-engine");
    assertEquals(nodeA.toString(), engine.getString("key-store"));
    assertEquals(trust.toString(), engine.getString("trust-store"));
    assertEquals(TestingCertificates.PASSWORD, engine.getString("key-store-password"));
    assertEquals(TestingCertificates.PASSWORD, engine.getString("key-password"), "the key's password defaults to the store's");
    assertEquals(TestingCertificates.PASSWORD, engine.getString("trust-store-password"));
    assertTrue(engine.getBoolean("require-mutual-authentication"), "a hand-set akka key cannot turn mutual authentication off");
    assertFalse(engine.getBoolean("hostname-verification"));
    assertEquals("TLSv1.2", engine.getString("protocol"));
    assertTrue(engine.getStringList("enabled-algorithms").contains("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
  }

  @Test
  void jksKeyStoresAreReadToo() throws Exception {
    Path jksKeys = made.jks(nodeA);
    Config config = load(keyStores(jksKeys, made.jks(trust)));
    assertEquals(jksKeys.toString(), config.getString("akka.remote.artery.ssl.config-ssl-engine.key-store"));
    String wrongKey = refused(keyStores(jksKeys, trust) + "atoll.cluster.tls.key-password = \"wrong!\"\n");
    assertTrue(wrongKey.startsWith("atoll.cluster.tls.key-password: cannot read the private key 'node' of " + jksKeys), wrongKey);
  }

  @Test
  void pemFilesBecomeTheRotatingKeysEngine() throws Exception {
    List<Path> files = made.pem(nodeA);
    Config config = load(pem(files.get(0), files.get(1), made.caCertificate(ca))
        + "atoll.cluster.tls.protocol = TLSv1.3\n");
    assertEquals("tls-tcp", config.getString("akka.remote.artery.transport"));
    assertEquals(ClusterTlsSettings.PEM_ENGINE, config.getString("akka.remote.artery.ssl.ssl-engine-provider"));
    Config engine = config.getConfig("akka.remote.artery.ssl.rotating-keys-engine");
    assertEquals(files.get(0).toString(), engine.getString("cert-file"));
    assertEquals(files.get(1).toString(), engine.getString("key-file"));
    assertEquals(made.caCertificate(ca).toString(), engine.getString("ca-cert-file"));
    assertEquals("TLSv1.3", engine.getString("protocol"));
  }

  @Test
  void relativePathsAreMadeAbsoluteAndPasswordsAreNotPrinted() throws Exception {
    Config atoll = ConfigFactory.parseString("""
        cluster.tls { enabled = on, key-store = "a/node.p12", trust-store = "a/trust.p12",
          key-store-password = "s3cret!", trust-store-password = "other!" }
        """).withFallback(ConfigFactory.defaultReference().getConfig("atoll")).resolve();
    ClusterTlsSettings tls = ClusterTlsSettings.fromConfig(atoll);
    assertEquals(Path.of("a/node.p12").toAbsolutePath(), tls.keyStores().orElseThrow().keyStore());
    assertFalse(tls.keyStores().orElseThrow().toString().contains("s3cret!"), "toString hides the passwords");
  }

  @Test
  void aLocalRunHasNoClusterTrafficSoItsTlsSettingsAreNotRead() throws Exception {
    Path file = Files.writeString(tmp.resolve("node.conf"), keyStores(tmp.resolve("missing.p12"), trust));
    Config config = NodeConfig.load(ConfigFactory.empty(), Optional.of(file),
        ConfigFactory.parseString("akka.actor.provider = local"));
    assertEquals("tcp", config.getString("akka.remote.artery.transport"));
  }

  @Test
  void incompleteSettingsAreRefusedNamingWhatIsMissing() throws Exception {
    assertTrue(refused("atoll.cluster.tls.enabled = on").contains("atoll.cluster.tls.enabled = on needs this node's key material"));
    List<Path> files = made.pem(nodeA);
    String both = refused(keyStores(nodeA, trust) + pem(files.get(0), files.get(1), made.caCertificate(ca)));
    assertTrue(both.contains("set either key-store and trust-store, or pem { certificate, private-key, ca }, not both"), both);
    assertTrue(refused("atoll.cluster.tls { enabled = on, key-store = \"" + nodeA + "\", key-store-password = x }")
        .contains("atoll.cluster.tls.trust-store is not set"));
    assertTrue(refused("atoll.cluster.tls { enabled = on, key-store = \"" + nodeA + "\", trust-store = \"" + trust + "\" }")
        .contains("atoll.cluster.tls.key-store-password is not set"));
    assertTrue(refused("atoll.cluster.tls { enabled = on, pem.certificate = \"" + files.get(0) + "\" }")
        .contains("atoll.cluster.tls.pem.private-key is not set"));
    assertTrue(refused(keyStores(nodeA, trust) + "atoll.cluster.tls.protocol = SSLv3\n").contains("atoll.cluster.tls.protocol"));
    assertTrue(refused(pem(files.get(0), files.get(1), made.caCertificate(ca)) + "atoll.cluster.tls.hostname-verification = on\n")
        .contains("hostname-verification = on works with key-store and trust-store only"));
    String suite = refused(keyStores(nodeA, trust) + "atoll.cluster.tls.enabled-algorithms = [TLS_NO_SUCH_SUITE]\n");
    assertTrue(suite.contains("atoll.cluster.tls.enabled-algorithms: [TLS_NO_SUCH_SUITE] not supported"), suite);
  }

  @Test
  void aMissingKeyStoreOrAWrongPasswordNamesTheOptionAndTheFile() throws Exception {
    Path missing = tmp.resolve("missing.p12");
    assertEquals("atoll.cluster.tls.key-store: " + missing + " does not exist or is not a file",
        refused(keyStores(missing, trust)));
    assertEquals("atoll.cluster.tls.trust-store: " + missing + " does not exist or is not a file",
        refused(keyStores(nodeA, missing)));
    String wrong = refused(keyStores(nodeA, trust).replace("key-store-password = \"changeit\"", "key-store-password = \"wrong!\""));
    assertEquals("atoll.cluster.tls.key-store: cannot open " + nodeA
        + " with atoll.cluster.tls.key-store-password: the password is wrong", wrong);
    String wrongTrust = refused(keyStores(nodeA, trust)
        .replace("trust-store-password = \"changeit\"", "trust-store-password = \"wrong!\""));
    assertTrue(wrongTrust.startsWith("atoll.cluster.tls.trust-store: cannot open " + trust), wrongTrust);
    String wrongKey = refused(keyStores(nodeA, trust) + "atoll.cluster.tls.key-password = \"wrong!\"\n");
    assertTrue(wrongKey.startsWith("atoll.cluster.tls.key-password: cannot read the private key 'node' of " + nodeA), wrongKey);
    Path garbage = Files.writeString(tmp.resolve("garbage.p12"), "not a key store");
    String notAStore = refused(keyStores(garbage, trust));
    assertTrue(notAStore.startsWith("atoll.cluster.tls.key-store: " + garbage + " is not a PKCS12 or JKS key store"), notAStore);
  }

  @Test
  void aTrustStoreAsKeyStoreAnExpiredCertificateOrANodeTheCaDidNotSignIsRefused() throws Exception {
    String noKey = refused(keyStores(trust, trust));
    assertTrue(noKey.startsWith("atoll.cluster.tls.key-store: " + trust + " holds no private key"), noKey);
    Path expired = made.expiredNode("expired", ca);
    String outdated = refused(keyStores(expired, trust));
    assertTrue(outdated.startsWith("atoll.cluster.tls.key-store: the certificate 'node' of " + expired
        + " (CN=atoll-cluster, OU=expired) expired on "), outdated);
    String untrusted = refused(keyStores(foreign, trust));
    assertTrue(untrusted.startsWith("atoll.cluster.tls.key-store: the certificate 'node' of " + foreign), untrusted);
    assertTrue(untrusted.contains("is not issued by a certificate in atoll.cluster.tls.trust-store " + trust), untrusted);
  }

  @Test
  void pemFilesThatDoNotBelongTogetherAreRefused() throws Exception {
    List<Path> a = made.pem(nodeA);
    List<Path> b = made.pem(nodeB);
    Path caPem = made.caCertificate(ca);
    String mismatch = refused(pem(a.get(0), b.get(1), caPem));
    assertTrue(mismatch.startsWith("atoll.cluster.tls.pem.private-key: " + b.get(1)
        + " does not belong to the certificate " + a.get(0)), mismatch);
    String notAKey = refused(pem(a.get(0), a.get(0), caPem));
    assertTrue(notAKey.startsWith("atoll.cluster.tls.pem.private-key: " + a.get(0) + " is not an RSA private key in PEM"), notAKey);
    String notACertificate = refused(pem(a.get(1), a.get(1), caPem));
    assertTrue(notACertificate.startsWith("atoll.cluster.tls.pem.certificate: " + a.get(1) + " is not an X.509 certificate"),
        notACertificate);
    Path otherCa = made.caCertificate(certs.resolve("other-ca.p12"));
    String wrongCa = refused(pem(a.get(0), a.get(1), otherCa));
    assertTrue(wrongCa.startsWith("atoll.cluster.tls.pem.certificate: " + a.get(0) + " (CN=atoll-cluster, OU=node-a)"
        + " is not issued by the CA of atoll.cluster.tls.pem.ca " + otherCa), wrongCa);
    Path missing = tmp.resolve("ca.crt");
    assertEquals("atoll.cluster.tls.pem.ca: " + missing + " does not exist or is not a file", refused(pem(a.get(0), a.get(1), missing)));
  }

  @Test
  void aNodeWhoseKeyMaterialCannotBeLoadedExitsWith2NamingTheFileBeforeStarting() throws Exception {
    Path missing = tmp.resolve("gone.p12");
    Path file = Files.writeString(tmp.resolve("node.conf"), keyStores(missing, trust));
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new NodeCommand());
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    int exit = cli.execute("--port", "0", "--http-port", "0", "--data-dir", tmp.resolve("data").toString(),
        "--config", file.toString());
    assertEquals(2, exit, err.toString());
    assertTrue(err.toString().startsWith("atoll.cluster.tls.key-store: " + missing + " does not exist or is not a file\n"),
        err.toString());
    assertFalse(err.toString().contains("\tat "), "no stack trace:\n" + err);
    assertFalse(Files.exists(tmp.resolve("data")), "nothing started: the data dir was not even created");
  }
}
