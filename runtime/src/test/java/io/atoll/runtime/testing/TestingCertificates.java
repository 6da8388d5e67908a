package io.atoll.runtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key material for cluster TLS tests, made as the README tells an operator to: with the JDK's
 * {@code keytool} (a CA, node key stores signed by it, a trust store holding the CA), plus the same
 * as PEM files. Every store's password is {@link #PASSWORD}.
 */
public final class TestingCertificates {
  public static final String PASSWORD = "changeit";
  private final Path dir;

  public TestingCertificates(Path dir) {
    this.dir = dir;
  }

  /** A self-signed CA key store {@code NAME-ca.p12} and its certificate {@code NAME-ca.crt} (PEM). */
  public Path ca(String name) throws IOException {
    Path store = dir.resolve(name + "-ca.p12");
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=" + name + "-ca", "-ext", "bc:c", "-keystore", store.toString());
    Path certificate = dir.resolve(name + "-ca.crt");
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-file", certificate.toString());
    return store;
  }

  /** {@code NODE.p12}: a key pair (CN=atoll-cluster, as PEM nodes need a shared subject) whose certificate {@code ca} signed. */
  public Path node(String node, Path ca) throws IOException {
    return node(node, ca, "");
  }

  /** As {@link #node(String, Path)}, the certificate naming {@code san} as subject alternative names (e.g. "ip:127.0.0.1"). */
  public Path node(String node, Path ca, String san) throws IOException {
    return node(node, ca, san, List.of("-validity", "2"));
  }

  /** As {@link #node(String, Path)}, with a certificate valid for a day three days ago. */
  public Path expiredNode(String node, Path ca) throws IOException {
    return node(node, ca, "", List.of("-startdate", "-3d", "-validity", "1"));
  }

  private Path node(String node, Path ca, String san, List<String> validity) throws IOException {
    Path store = dir.resolve(node + ".p12");
    Path request = dir.resolve(node + ".csr");
    Path signed = dir.resolve(node + ".crt");
    keytool("-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=atoll-cluster, OU=" + node, "-keystore", store.toString());
    keytool("-certreq", "-alias", "node", "-keystore", store.toString(), "-file", request.toString());
    List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", ca.toString(),
        "-infile", request.toString(), "-outfile", signed.toString(), "-rfc"));
    gencert.addAll(validity);
    if (!san.isEmpty()) {
      gencert.addAll(List.of("-ext", "san=" + san));
    }
    keytool(gencert.toArray(String[]::new));
    keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", store.toString(), "-file", caCertificate(ca).toString());
    keytool("-importcert", "-alias", "node", "-keystore", store.toString(), "-file", signed.toString());
    return store;
  }

  /** {@code NAME-trust.p12}: a trust store holding the certificates of these CAs. */
  public Path trustStore(String name, Path... cas) throws IOException {
    Path store = dir.resolve(name + "-trust.p12");
    for (Path ca : cas) {
      keytool("-importcert", "-noprompt", "-alias", ca.getFileName().toString(), "-keystore", store.toString(),
          "-file", caCertificate(ca).toString());
    }
    return store;
  }

  /** The same key store converted to JKS ({@code NAME.jks}, same password). */
  public Path jks(Path pkcs12) throws IOException {
    Path jks = pkcs12.resolveSibling(pkcs12.getFileName().toString().replace(".p12", ".jks"));
    keytool("-importkeystore", "-noprompt", "-srckeystore", pkcs12.toString(), "-srcstorepass", PASSWORD,
        "-srcstoretype", "PKCS12", "-destkeystore", jks.toString(), "-deststoretype", "JKS", "-deststorepass", PASSWORD);
    return jks;
  }

  /** The PEM certificate next to a CA key store made by {@link #ca}. */
  public Path caCertificate(Path ca) {
    return ca.resolveSibling(ca.getFileName().toString().replace(".p12", ".crt"));
  }

  /** The node's certificate and unencrypted PKCS#8 private key of a key store made by {@link #node}, as PEM files. */
  public List<Path> pem(Path nodeStore) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(nodeStore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    String base = nodeStore.getFileName().toString().replace(".p12", "");
    Key key = store.getKey("node", PASSWORD.toCharArray());
    Path certificate = write(base + "-cert.pem", "CERTIFICATE", store.getCertificate("node").getEncoded());
    Path privateKey = write(base + "-key.pem", "PRIVATE KEY", key.getEncoded());
    return List.of(certificate, privateKey);
  }

  private Path write(String name, String label, byte[] der) throws IOException {
    return Files.writeString(dir.resolve(name), pem(label, der));
  }

  /** DER bytes as a PEM block ({@code -----BEGIN LABEL-----}, 64 columns). */
  public static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static void keytool(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    if (!args[0].equals("-importkeystore")) {
      all.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    }
    runKeytool(all.toArray(String[]::new));
  }

  /** Runs the JDK's keytool with exactly these arguments (and a small heap); fails with its output. */
  public static void runKeytool(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-J-Xmx64m"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool ran", e);
    }
  }
}
