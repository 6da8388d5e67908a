package io.atoll.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.runtime.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code atoll.http.tls} loads its key from a key store or PEM files; every file that cannot be
 * used is an error naming the option and the file, and never a password.
 */
class TlsSettingsTest {
  @TempDir static Path dir;
  private static TestCertificates.Server rsa;
  private static TestCertificates.Server ec;

  @BeforeAll
  static void certificates() throws Exception {
    rsa = TestCertificates.create(dir, "rsa", "RSA");
    ec = TestCertificates.create(dir, "ec", "EC");
  }

  private static SettingsException refused(TlsSettings tls) {
    return assertThrows(SettingsException.class, tls::sslContext);
  }

  @Test
  void aKeyStoreOrPemFilesGiveAServerContextLoadedOnce() {
    TlsSettings store = TlsSettings.keyStore(rsa.keyStore(), TestCertificates.PASSWORD);
    SSLContext context = store.sslContext();
    assertNotNull(context.getServerSocketFactory());
    assertSame(context, store.sslContext(), "loaded once, at start");
    assertNotNull(TlsSettings.pem(rsa.certificate(), rsa.privateKey()).sslContext());
    assertNotNull(TlsSettings.pem(ec.certificate(), ec.privateKey()).sslContext());
  }

  @Test
  void aMissingOrUnreadableFileIsNamedWithItsOption() throws Exception {
    Path missing = dir.resolve("nope.p12");
    SettingsException e = refused(TlsSettings.keyStore(missing, "x"));
    assertEquals("atoll.http.tls.key-store: " + missing + " does not exist", e.getMessage());

    SettingsException pem = refused(TlsSettings.pem(dir.resolve("none.pem"), rsa.privateKey()));
    assertEquals("atoll.http.tls.certificate-chain: " + dir.resolve("none.pem") + " does not exist", pem.getMessage());

    Path locked = Files.copy(rsa.privateKey(), dir.resolve("locked.pem"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    if (!Files.isReadable(locked)) { // root reads anything
      SettingsException denied = refused(TlsSettings.pem(rsa.certificate(), locked));
      assertEquals("atoll.http.tls.private-key: " + locked + " cannot be read (permission denied)",
          denied.getMessage());
    }
  }

  @Test
  void aWrongPasswordNamesThePasswordOptionAndNeverThePassword() throws Exception {
    SettingsException store = refused(TlsSettings.keyStore(rsa.keyStore(), "wrong-pw-123"));
    assertEquals("atoll.http.tls.key-store-password: " + rsa.keyStore() + ": the key store password is wrong",
        store.getMessage());

    Path jks = TestCertificates.jksWithKeyPassword(dir, "jks-store-pw", "jks-key-pw");
    TlsSettings good = new TlsSettings(true, jks.toString(), "", "jks-store-pw", "jks-key-pw", "", "");
    assertNotNull(good.sslContext(), "JKS by its extension, the key entry with its own password");
    SettingsException key = refused(new TlsSettings(true, jks.toString(), "JKS", "jks-store-pw", "not-it", "", ""));
    assertTrue(key.getMessage().startsWith("atoll.http.tls.key-password: " + jks), key.getMessage());
    SettingsException defaulted = refused(new TlsSettings(true, jks.toString(), "", "jks-store-pw", "", "", ""));
    assertTrue(defaulted.getMessage().startsWith("atoll.http.tls.key-store-password (used for the key"),
        defaulted.getMessage());
    for (SettingsException e : new SettingsException[] {store, key, defaulted}) {
      assertFalse(e.getMessage().contains("pw"), e.getMessage());
    }
  }

  @Test
  void pemFilesThatAreNotWhatTheyShouldBeAreRefusedSayingWhat() throws Exception {
    SettingsException swapped = refused(TlsSettings.pem(rsa.privateKey(), rsa.certificate()));
    assertTrue(swapped.getMessage().startsWith("atoll.http.tls.certificate-chain: " + rsa.privateKey()),
        swapped.getMessage());

    SettingsException otherKey = refused(TlsSettings.pem(rsa.certificate(), ec.privateKey()));
    assertTrue(otherKey.getMessage().startsWith("atoll.http.tls.private-key: " + ec.privateKey() + " is not the private key of the first certificate in "
        + rsa.certificate()), otherKey.getMessage());

    Path pkcs1 = dir.resolve("rsa-traditional.pem");
    Files.writeString(pkcs1, TestCertificates.pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}));
    SettingsException traditional = refused(TlsSettings.pem(rsa.certificate(), pkcs1));
    assertTrue(traditional.getMessage().startsWith("atoll.http.tls.private-key: " + pkcs1), traditional.getMessage());
    assertTrue(traditional.getMessage().contains("it holds a RSA PRIVATE KEY: convert it with `openssl pkcs8 -topk8"),
        traditional.getMessage());

    Path damaged = dir.resolve("damaged.pem");
    Files.writeString(damaged, TestCertificates.pem("PRIVATE KEY", new byte[] {1, 2, 3, 4}));
    SettingsException notAKey = refused(TlsSettings.pem(rsa.certificate(), damaged));
    assertTrue(notAKey.getMessage().contains("not an RSA, EC or EdDSA PKCS#8 key"), notAKey.getMessage());
  }

  @Test
  void clientCertificateTrustComesFromATrustStoreOrPemAndItsErrorsNameTheirOption() throws Exception {
    TlsSettings base = TlsSettings.keyStore(rsa.keyStore(), TestCertificates.PASSWORD);
    assertFalse(base.needClientAuth());
    TlsSettings pem = base.withClientCa(ec.certificate());
    assertTrue(pem.needClientAuth());
    assertNotNull(pem.sslContext());
    Path trustStore = TestCertificates.trustStore(dir, ec.certificate(), "trust-pw-1");
    TlsSettings store = new TlsSettings(true, rsa.keyStore().toString(), "", TestCertificates.PASSWORD, "", "", "",
        trustStore.toString(), "trust-pw-1", "");
    assertTrue(store.needClientAuth());
    assertNotNull(store.sslContext());

    SettingsException wrong = refused(new TlsSettings(true, rsa.keyStore().toString(), "", TestCertificates.PASSWORD,
        "", "", "", trustStore.toString(), "not-it", ""));
    assertEquals("atoll.http.tls.trust-store-password: " + trustStore + ": the key store password is wrong",
        wrong.getMessage());
    Path missing = dir.resolve("no-ca.pem");
    SettingsException noCa = refused(base.withClientCa(missing));
    assertEquals("atoll.http.tls.client-ca: " + missing + " does not exist", noCa.getMessage());
    assertThrows(SettingsException.class, () -> new TlsSettings(true, rsa.keyStore().toString(), "", "", "", "", "",
        trustStore.toString(), "", ec.certificate().toString()), "trust-store and client-ca: one or the other");
  }

  @Test
  void aKeyStoreWithoutAKeyOrNotAKeyStoreIsRefused() throws Exception {
    SettingsException pemAsStore = refused(TlsSettings.keyStore(rsa.certificate(), TestCertificates.PASSWORD));
    assertTrue(pemAsStore.getMessage().startsWith("atoll.http.tls.key-store"), pemAsStore.getMessage());
    assertTrue(pemAsStore.getMessage().contains(rsa.certificate().toString()), pemAsStore.getMessage());
  }
}
