package io.atoll.runtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;

/**
 * A self-signed server certificate for 127.0.0.1 and localhost, made with the JDK's keytool in a
 * test's temporary directory: as a PKCS#12 key store and as PEM files (certificate, PKCS#8 key).
 * For the REST API's HTTPS; cluster TLS, with a CA and nodes it signed, is {@link TestingCertificates}.
 */
public final class TestCertificates {
  /** The key store's password; the PKCS#12 key entry has the same one. */
  public static final String PASSWORD = "store-s3cret";

  /**
   * @param keyStore PKCS#12 with the key entry "server"
   * @param certificate the server's certificate in PEM (also what a client trusts: it is its own CA)
   * @param privateKey its key, PEM PKCS#8 ({@code BEGIN PRIVATE KEY})
   */
  public record Server(Path keyStore, Path certificate, Path privateKey) {}

  private TestCertificates() {}

  /** A server certificate with the given key algorithm ("RSA" or "EC"). */
  public static Server create(Path dir, String name, String keyAlgorithm) throws Exception {
    Path keyStore = dir.resolve(name + ".p12");
    keytool("-genkeypair", "-alias", "server", "-keyalg", keyAlgorithm, "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    Path certificate = dir.resolve(name + "-cert.pem");
    Path privateKey = dir.resolve(name + "-key.pem");
    Files.writeString(certificate, pem("CERTIFICATE", store.getCertificate("server").getEncoded()));
    Files.writeString(privateKey, pem("PRIVATE KEY", store.getKey("server", PASSWORD.toCharArray()).getEncoded()));
    return new Server(keyStore, certificate, privateKey);
  }

  /** A JKS key store whose key entry has a password of its own. */
  public static Path jksWithKeyPassword(Path dir, String storePassword, String keyPassword) throws Exception {
    Path keyStore = dir.resolve("server.jks");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype", "JKS", "-keystore", keyStore.toString(), "-storepass", storePassword, "-keypass", keyPassword);
    return keyStore;
  }

  /** A PKCS12 trust store holding the certificate of a PEM file (as SeaTunnel's trust-store-path). */
  public static Path trustStore(Path dir, Path pemCertificate, String password) throws Exception {
    Path trustStore = dir.resolve("trust-" + pemCertificate.getFileName() + ".p12");
    keytool("-importcert", "-noprompt", "-alias", "trusted", "-file", pemCertificate.toString(),
        "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", password);
    return trustStore;
  }

  /** The key of a key store's entry "server", for writing other encodings of it. */
  public static Key key(Path keyStore, String password) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, password.toCharArray());
    }
    return store.getKey("server", password.toCharArray());
  }

  public static Certificate certificate(Path keyStore) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store.getCertificate("server");
  }

  public static String pem(String type, byte[] der) {
    return TestingCertificates.pem(type, der);
  }

  private static void keytool(String... args) throws IOException {
    TestingCertificates.runKeytool(args);
  }
}
