package io.atoll.runtime.config;

import com.typesafe.config.Config;
import io.atoll.runtime.tls.KeyMaterialException;
import io.atoll.runtime.tls.Pem;
import io.atoll.runtime.tls.SslContexts;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * {@code atoll.http.tls}: the REST API speaks HTTPS with a key from a key store (PKCS#12 or JKS,
 * SeaTunnel's {@code key-store-path} / {@code key-store-password} / {@code key-manager-password})
 * or from PEM files (certificate chain and PKCS#8 key). With a trust store (SeaTunnel's
 * {@code trust-store-path} / {@code trust-store-password}) or PEM {@code client-ca} certificates,
 * every client must present a certificate they trust (mutual TLS). The key material is loaded
 * once, by {@link #sslContext()}; a file that is missing, unreadable or not opened by its password
 * is a {@link SettingsException} naming the option and the file. Passwords are never printed.
 */
public final class TlsSettings {
  public static final TlsSettings OFF = new TlsSettings(false, "", "", "", "", "", "");

  private final boolean enabled;
  private final String keyStore;
  private final String keyStoreType;
  private final String keyStorePassword;
  private final String keyPassword;
  private final String certificateChain;
  private final String privateKey;
  private final String trustStore;
  private final String trustStorePassword;
  private final String clientCa;
  private SSLContext loaded;

  /** Without client certificates. */
  public TlsSettings(boolean enabled, String keyStore, String keyStoreType, String keyStorePassword,
      String keyPassword, String certificateChain, String privateKey) {
    this(enabled, keyStore, keyStoreType, keyStorePassword, keyPassword, certificateChain, privateKey, "", "", "");
  }

  /**
   * @param keyPassword the key entry's password (SeaTunnel's key-manager-password); empty = the key
   *     store's password
   * @param trustStore a PKCS12 or JKS file of the certificates client certificates must chain to;
   *     empty = see {@code clientCa}
   * @param clientCa a PEM file of those certificates instead; both empty = no client certificates
   */
  public TlsSettings(boolean enabled, String keyStore, String keyStoreType, String keyStorePassword,
      String keyPassword, String certificateChain, String privateKey, String trustStore, String trustStorePassword,
      String clientCa) {
    this.enabled = enabled;
    this.keyStore = keyStore.strip();
    this.keyStoreType = keyStoreType.strip();
    this.keyStorePassword = keyStorePassword;
    this.keyPassword = keyPassword;
    this.certificateChain = certificateChain.strip();
    this.privateKey = privateKey.strip();
    this.trustStore = trustStore.strip();
    this.trustStorePassword = trustStorePassword;
    this.clientCa = clientCa.strip();
    if (!enabled) {
      return;
    }
    boolean store = !this.keyStore.isEmpty();
    boolean pem = !this.certificateChain.isEmpty() || !this.privateKey.isEmpty();
    if (store == pem) {
      throw new SettingsException("atoll.http.tls.enabled is on: set either atoll.http.tls.key-store (a PKCS12 or "
          + "JKS file) or atoll.http.tls.certificate-chain and atoll.http.tls.private-key (PEM files), "
          + (store ? "not both" : "got neither"));
    }
    if (pem && (this.certificateChain.isEmpty() || this.privateKey.isEmpty())) {
      throw new SettingsException("atoll.http.tls: PEM files need both certificate-chain and private-key, got only "
          + (this.certificateChain.isEmpty() ? "private-key" : "certificate-chain"));
    }
    if (!this.keyStoreType.isEmpty() && !this.keyStoreType.equalsIgnoreCase("PKCS12")
        && !this.keyStoreType.equalsIgnoreCase("JKS")) {
      throw new SettingsException("atoll.http.tls.key-store-type must be PKCS12 or JKS (or empty: by the file's "
          + "extension), got " + this.keyStoreType);
    }
    if (!this.trustStore.isEmpty() && !this.clientCa.isEmpty()) {
      throw new SettingsException("atoll.http.tls: set either trust-store or client-ca for client certificates, "
          + "not both");
    }
  }

  /** A key store (PKCS12 or JKS) holding the server's key and certificate chain. */
  public static TlsSettings keyStore(Path file, String password) {
    return new TlsSettings(true, file.toString(), "", password, "", "", "");
  }

  /** PEM files: the certificate chain (server first) and its unencrypted PKCS#8 key. */
  public static TlsSettings pem(Path certificateChain, Path privateKey) {
    return new TlsSettings(true, "", "", "", "", certificateChain.toString(), privateKey.toString());
  }

  /** These settings, and clients must present a certificate chaining to one in this PEM file. */
  public TlsSettings withClientCa(Path pemCertificates) {
    return new TlsSettings(enabled, keyStore, keyStoreType, keyStorePassword, keyPassword, certificateChain,
        privateKey, "", "", pemCertificates.toString());
  }

  static TlsSettings fromConfig(Config atoll) {
    return new TlsSettings(
        Configs.bool(atoll, "http.tls.enabled"),
        Configs.string(atoll, "http.tls.key-store"),
        Configs.string(atoll, "http.tls.key-store-type"),
        Configs.string(atoll, "http.tls.key-store-password"),
        Configs.string(atoll, "http.tls.key-password"),
        Configs.string(atoll, "http.tls.certificate-chain"),
        Configs.string(atoll, "http.tls.private-key"),
        Configs.string(atoll, "http.tls.trust-store"),
        Configs.string(atoll, "http.tls.trust-store-password"),
        Configs.string(atoll, "http.tls.client-ca"));
  }

  public boolean enabled() {
    return enabled;
  }

  /** Every client must present a certificate the trust store or client-ca trusts. */
  public boolean needClientAuth() {
    return enabled && (!trustStore.isEmpty() || !clientCa.isEmpty());
  }

  /**
   * The server's TLS context, loaded from the files on the first call and kept.
   *
   * @throws SettingsException naming the option and the file that cannot be used
   * @throws IllegalStateException if TLS is off
   */
  public synchronized SSLContext sslContext() {
    if (!enabled) {
      throw new IllegalStateException("atoll.http.tls.enabled is off");
    }
    if (loaded == null) {
      loaded = SslContexts.context(keyManagers(), trustManagers());
    }
    return loaded;
  }

  private KeyManager[] keyManagers() {
    if (!keyStore.isEmpty()) {
      char[] storePassword = keyStorePassword.toCharArray();
      char[] entryPassword = keyPassword.isEmpty() ? storePassword : keyPassword.toCharArray();
      try {
        return SslContexts.keyManagers(Path.of(keyStore), keyStoreType, storePassword, entryPassword);
      } catch (KeyMaterialException e) {
        String option = switch (e.wrong()) {
          case FILE -> "atoll.http.tls.key-store";
          case STORE_PASSWORD -> "atoll.http.tls.key-store-password";
          case KEY_PASSWORD -> keyPassword.isEmpty()
              ? "atoll.http.tls.key-store-password (used for the key, atoll.http.tls.key-password being empty)"
              : "atoll.http.tls.key-password";
        };
        throw new SettingsException(option + ": " + e.getMessage(), e);
      }
    }
    List<X509Certificate> chain = option("certificate-chain", () -> Pem.certificates(Path.of(certificateChain)));
    PrivateKey key = option("private-key", () -> Pem.privateKey(Path.of(privateKey)));
    return option("private-key", () -> SslContexts.keyManagers(chain, key, Path.of(certificateChain),
        Path.of(privateKey)));
  }

  /** Null (no client certificates wanted) or the trust client certificates must chain to. */
  private TrustManager[] trustManagers() {
    if (!clientCa.isEmpty()) {
      return option("client-ca", () -> SslContexts.trustManagers(Path.of(clientCa)));
    }
    if (!trustStore.isEmpty()) {
      try {
        return SslContexts.trustManagers(Path.of(trustStore), "", trustStorePassword.toCharArray());
      } catch (KeyMaterialException e) {
        throw new SettingsException("atoll.http.tls." + (e.wrong() == KeyMaterialException.Wrong.FILE
            ? "trust-store" : "trust-store-password") + ": " + e.getMessage(), e);
      }
    }
    return null;
  }

  private static <T> T option(String option, Supplier<T> read) {
    try {
      return read.get();
    } catch (KeyMaterialException e) {
      throw new SettingsException("atoll.http.tls." + option + ": " + e.getMessage(), e);
    }
  }

  /** What the key comes from (and the client certificates' trust), for the log. */
  public String source() {
    String key = !keyStore.isEmpty() ? "key store " + keyStore : "PEM files " + certificateChain + ", " + privateKey;
    String clients = !clientCa.isEmpty() ? "; client certificates from " + clientCa
        : !trustStore.isEmpty() ? "; client certificates from " + trustStore : "";
    return key + clients;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TlsSettings that && enabled == that.enabled && keyStore.equals(that.keyStore)
        && keyStoreType.equals(that.keyStoreType) && keyStorePassword.equals(that.keyStorePassword)
        && keyPassword.equals(that.keyPassword) && certificateChain.equals(that.certificateChain)
        && privateKey.equals(that.privateKey) && trustStore.equals(that.trustStore)
        && trustStorePassword.equals(that.trustStorePassword) && clientCa.equals(that.clientCa);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, keyStore, keyStoreType, certificateChain, privateKey, trustStore, clientCa);
  }

  @Override
  public String toString() {
    if (!enabled) {
      return "TlsSettings[off]";
    }
    return "TlsSettings[" + source() + (keyStore.isEmpty() && trustStore.isEmpty() ? "" : ", passwords=(hidden)")
        + "]";
  }
}
