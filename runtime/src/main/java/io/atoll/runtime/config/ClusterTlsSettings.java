package io.atoll.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code atoll.cluster.tls}: cluster traffic (Akka Artery) over TLS with mutual authentication, so
 * that only a process holding a certificate the cluster trusts can connect to a node, join and get
 * work. Key material comes either from key stores (PKCS12 or JKS, Akka's
 * {@code ConfigSSLEngineProvider}) or from PEM files (Akka's {@code RotatingKeysSSLEngineProvider},
 * which re-reads them, so certificates can be rotated without a restart). Akka reads the files only
 * at the first connection and would then fail inside a stream; {@link ClusterKeyMaterial} reads them
 * before the node starts, so a bad file is an error at start naming the option and the file.
 *
 * @param keyStores the key store and trust store, when the key material comes in key stores
 * @param pem the PEM files, when it comes in PEM files; exactly one of the two is present when enabled
 * @param protocol {@code TLSv1.2} or {@code TLSv1.3}
 * @param hostnameVerification whether a connecting node checks that the certificate of the node it
 *     dials names that node's canonical hostname (key stores only)
 */
public record ClusterTlsSettings(
    boolean enabled,
    Optional<KeyStores> keyStores,
    Optional<PemFiles> pem,
    String protocol,
    List<String> enabledAlgorithms,
    boolean hostnameVerification) {

  static final String PREFIX = "atoll.cluster.tls.";
  static final String CONFIG_ENGINE = "akka.remote.artery.tcp.ConfigSSLEngineProvider";
  static final String PEM_ENGINE = "akka.remote.artery.tcp.ssl.RotatingKeysSSLEngineProvider";
  private static final List<String> PROTOCOLS = List.of("TLSv1.2", "TLSv1.3");

  /**
   * This node's key store (its private key and certificate chain) and trust store (the
   * certificates it accepts from other nodes: the cluster's CA, or the shared cluster certificate).
   * {@link #toString()} hides the passwords.
   */
  public record KeyStores(
      Path keyStore, String keyStorePassword, String keyPassword, Path trustStore, String trustStorePassword) {
    @Override
    public String toString() {
      return "KeyStores[keyStore=" + keyStore + ", trustStore=" + trustStore + ", passwords hidden]";
    }
  }

  /** This node's certificate, its private key (RSA, PKCS#1 or unencrypted PKCS#8) and the CA's certificate. */
  public record PemFiles(Path certificate, Path privateKey, Path ca) {}

  public ClusterTlsSettings {
    enabledAlgorithms = List.copyOf(enabledAlgorithms);
    if (enabled) {
      validate(keyStores, pem, protocol, enabledAlgorithms, hostnameVerification);
    }
  }

  private static void validate(Optional<KeyStores> keyStores, Optional<PemFiles> pem, String protocol,
      List<String> enabledAlgorithms, boolean hostnameVerification) {
    if (keyStores.isPresent() == pem.isPresent()) {
      throw new SettingsException(keyStores.isPresent()
          ? "atoll.cluster.tls: set either key-store and trust-store, or pem { certificate, private-key, ca }, not both"
          : "atoll.cluster.tls.enabled = on needs this node's key material: key-store and trust-store,"
              + " or pem { certificate, private-key, ca }");
    }
    if (!PROTOCOLS.contains(protocol)) {
      throw new SettingsException(PREFIX + "protocol must be one of " + PROTOCOLS + ", got '" + protocol + "'");
    }
    if (enabledAlgorithms.isEmpty()) {
      throw new SettingsException(PREFIX + "enabled-algorithms must name at least one cipher suite");
    }
    if (hostnameVerification && pem.isPresent()) {
      throw new SettingsException(PREFIX + "hostname-verification = on works with key-store and trust-store only;"
          + " with pem files the nodes check instead that their certificates share a subject name (CN or DNS name)");
    }
  }

  /** TLS off: cluster traffic is plain TCP. */
  public static ClusterTlsSettings disabled() {
    return new ClusterTlsSettings(false, Optional.empty(), Optional.empty(), "TLSv1.2", List.of(), false);
  }

  /** @param atoll the {@code atoll} block of a resolved config */
  public static ClusterTlsSettings fromConfig(Config atoll) {
    String tls = "cluster.tls.";
    if (!Configs.bool(atoll, tls + "enabled")) {
      return disabled();
    }
    List<String> algorithms;
    try {
      algorithms = atoll.getStringList(tls + "enabled-algorithms");
    } catch (ConfigException e) {
      throw new SettingsException(PREFIX + "enabled-algorithms: " + e.getMessage(), e);
    }
    return new ClusterTlsSettings(true, keyStores(atoll, tls), pemFiles(atoll, tls),
        Configs.string(atoll, tls + "protocol"), algorithms, Configs.bool(atoll, tls + "hostname-verification"));
  }

  private static Optional<KeyStores> keyStores(Config atoll, String tls) {
    Optional<Path> keyStore = path(atoll, tls + "key-store");
    Optional<Path> trustStore = path(atoll, tls + "trust-store");
    if (keyStore.isEmpty() && trustStore.isEmpty()) {
      return Optional.empty();
    }
    Path keys = keyStore.orElseThrow(() -> missing("key-store", "trust-store"));
    Path trusted = trustStore.orElseThrow(() -> missing("trust-store", "key-store"));
    String keyStorePassword = password(atoll, tls + "key-store-password", "ATOLL_TLS_KEY_STORE_PASSWORD");
    String keyPassword = Configs.string(atoll, tls + "key-password");
    return Optional.of(new KeyStores(keys, keyStorePassword, keyPassword.isEmpty() ? keyStorePassword : keyPassword,
        trusted, password(atoll, tls + "trust-store-password", "ATOLL_TLS_TRUST_STORE_PASSWORD")));
  }

  private static Optional<PemFiles> pemFiles(Config atoll, String tls) {
    Optional<Path> certificate = path(atoll, tls + "pem.certificate");
    Optional<Path> privateKey = path(atoll, tls + "pem.private-key");
    Optional<Path> ca = path(atoll, tls + "pem.ca");
    if (certificate.isEmpty() && privateKey.isEmpty() && ca.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PemFiles(
        certificate.orElseThrow(() -> missing("pem.certificate", "pem.private-key and pem.ca")),
        privateKey.orElseThrow(() -> missing("pem.private-key", "pem.certificate and pem.ca")),
        ca.orElseThrow(() -> missing("pem.ca", "pem.certificate and pem.private-key"))));
  }

  /**
   * The Akka settings that make Artery speak TLS with this key material, mutual authentication
   * always on; empty when TLS is off. They go above the user's config: with TLS on, Atoll owns
   * Artery's transport and SSL engine.
   */
  public Config akkaConfig() {
    if (!enabled) {
      return ConfigFactory.empty();
    }
    Map<String, Object> akka = new LinkedHashMap<>();
    String ssl = "akka.remote.artery.ssl.";
    akka.put("akka.remote.artery.transport", "tls-tcp");
    if (keyStores.isPresent()) {
      KeyStores stores = keyStores.get();
      String engine = ssl + "config-ssl-engine.";
      akka.put(ssl + "ssl-engine-provider", CONFIG_ENGINE);
      akka.put(engine + "key-store", stores.keyStore().toString());
      akka.put(engine + "key-store-password", stores.keyStorePassword());
      akka.put(engine + "key-password", stores.keyPassword());
      akka.put(engine + "trust-store", stores.trustStore().toString());
      akka.put(engine + "trust-store-password", stores.trustStorePassword());
      akka.put(engine + "require-mutual-authentication", true);
      akka.put(engine + "hostname-verification", hostnameVerification);
      akka.put(engine + "protocol", protocol);
      akka.put(engine + "enabled-algorithms", enabledAlgorithms);
    } else {
      PemFiles files = pem.get();
      String engine = ssl + "rotating-keys-engine.";
      akka.put(ssl + "ssl-engine-provider", PEM_ENGINE);
      akka.put(engine + "cert-file", files.certificate().toString());
      akka.put(engine + "key-file", files.privateKey().toString());
      akka.put(engine + "ca-cert-file", files.ca().toString());
      akka.put(engine + "protocol", protocol);
      akka.put(engine + "enabled-algorithms", enabledAlgorithms);
    }
    Config config = ConfigFactory.empty();
    for (Map.Entry<String, Object> e : akka.entrySet()) {
      config = config.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue(), "atoll.cluster.tls"));
    }
    return config;
  }

  /** For the start log: the protocol and the files, never the passwords. */
  public String summary() {
    if (!enabled) {
      return "off";
    }
    return protocol + (hostnameVerification ? ", hostname verification" : "") + keyStores
        .map(k -> ", key store " + k.keyStore() + ", trust store " + k.trustStore())
        .orElseGet(() -> ", PEM certificate " + pem.get().certificate() + ", CA " + pem.get().ca());
  }

  /** An absolute path, or empty for an empty setting. */
  private static Optional<Path> path(Config atoll, String key) {
    String value = Configs.string(atoll, key);
    return value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.strip()).toAbsolutePath().normalize());
  }

  /** A key store's password: keytool makes none shorter than 6 characters, so empty means not set. */
  private static String password(Config atoll, String key, String environment) {
    String value = Configs.string(atoll, key);
    if (value.isEmpty()) {
      throw new SettingsException("atoll." + key + " is not set: the key store needs its password"
          + " (set it, or the environment variable " + environment + ")");
    }
    return value;
  }

  private static SettingsException missing(String key, String with) {
    return new SettingsException(PREFIX + key + " is not set; it is needed together with " + PREFIX + with);
  }
}
