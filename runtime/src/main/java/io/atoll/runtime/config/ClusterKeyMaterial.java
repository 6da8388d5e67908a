package io.atoll.runtime.config;

import akka.pki.pem.DERPrivateKeyLoader;
import akka.pki.pem.PEMDecoder;
import io.atoll.runtime.config.ClusterTlsSettings.KeyStores;
import io.atoll.runtime.config.ClusterTlsSettings.PemFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Reads a node's TLS key material the way Akka's SSL engine providers will, before the ActorSystem
 * starts: Akka reads it only when the first connection is made, and a failure there ends that
 * connection inside Artery's stream, where a node just never joins. Each problem is a
 * {@link SettingsException} naming the option and the file: a file missing or unreadable, a wrong
 * password, something that is not a key store / certificate / private key, a private key that does
 * not belong to its certificate, a certificate out of its validity period or not issued by a CA
 * this node trusts (the other nodes, trusting the same, would refuse it), a protocol or cipher
 * suite this JVM does not have.
 */
public final class ClusterKeyMaterial {
  private static final String P = ClusterTlsSettings.PREFIX;

  private ClusterKeyMaterial() {}

  /** Does nothing when TLS is off. */
  public static void check(ClusterTlsSettings tls) {
    if (!tls.enabled()) {
      return;
    }
    checkAlgorithms(tls);
    tls.keyStores().ifPresent(ClusterKeyMaterial::checkKeyStores);
    tls.pem().ifPresent(ClusterKeyMaterial::checkPem);
  }

  private static void checkAlgorithms(ClusterTlsSettings tls) {
    Set<String> supported;
    try {
      SSLContext context = SSLContext.getInstance(tls.protocol());
      context.init(null, null, null);
      supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
    } catch (GeneralSecurityException e) {
      throw new SettingsException(P + "protocol = " + tls.protocol() + " is not available in this JVM: " + e.getMessage(), e);
    }
    List<String> unknown = tls.enabledAlgorithms().stream().filter(a -> !supported.contains(a)).toList();
    if (!unknown.isEmpty()) {
      throw new SettingsException(P + "enabled-algorithms: " + unknown + " not supported by this JVM's "
          + tls.protocol() + " (a cipher suite name such as TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)");
    }
  }

  private static void checkKeyStores(KeyStores stores) {
    KeyStore keys = load(stores.keyStore(), stores.keyStorePassword(), "key-store");
    KeyStore trusted = load(stores.trustStore(), stores.trustStorePassword(), "trust-store");
    List<String> keyAliases = aliases(keys, stores.keyStore(), "key-store", true);
    if (keyAliases.isEmpty()) {
      throw new SettingsException(P + "key-store: " + stores.keyStore() + " holds no private key"
          + " (is it a trust store? the key store holds this node's private key and certificate)");
    }
    if (aliases(trusted, stores.trustStore(), "trust-store", false).isEmpty()) {
      throw new SettingsException(P + "trust-store: " + stores.trustStore() + " holds no certificate to trust"
          + " (import the cluster's CA certificate with keytool -importcert)");
    }
    X509TrustManager trustManager = trustManager(trusted, stores.trustStore());
    for (String alias : keyAliases) {
      PrivateKey key;
      Certificate[] chain;
      try {
        key = (PrivateKey) keys.getKey(alias, stores.keyPassword().toCharArray());
        chain = keys.getCertificateChain(alias);
      } catch (UnrecoverableKeyException e) {
        throw new SettingsException(P + "key-password: cannot read the private key '" + alias + "' of "
            + stores.keyStore() + " with it (when key-password is not set, key-store-password is used): "
            + e.getMessage(), e);
      } catch (GeneralSecurityException e) {
        throw new SettingsException(P + "key-store: cannot read the private key '" + alias + "' of "
            + stores.keyStore() + ": " + e.getMessage(), e);
      }
      String what = "the certificate '" + alias + "' of " + stores.keyStore();
      X509Certificate[] x509 = x509Chain(chain, what);
      checkMatches(key, x509[0], P + "key-store: the private key '" + alias + "' of " + stores.keyStore()
          + " does not belong to its certificate (" + x509[0].getSubjectX500Principal() + ")");
      checkValidity(x509[0], P + "key-store", what);
      try {
        trustManager.checkClientTrusted(x509, key.getAlgorithm());
      } catch (CertificateException e) {
        throw new SettingsException(P + "key-store: " + what + " (" + x509[0].getSubjectX500Principal()
            + ") is not issued by a certificate in " + P + "trust-store " + stores.trustStore()
            + ", so nodes trusting the same would refuse this one: " + e.getMessage(), e);
      }
    }
  }

  private static KeyStore load(Path file, String password, String option) {
    readable(file, option);
    try (InputStream in = Files.newInputStream(file)) {
      // the type Akka uses: PKCS12 on Java 17, which reads JKS files too
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(in, password.toCharArray());
      return store;
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new SettingsException(P + option + ": cannot open " + file + " with " + P + option
            + "-password: the password is wrong", e);
      }
      throw new SettingsException(P + option + ": " + file + " is not a PKCS12 or JKS key store: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new SettingsException(P + option + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The aliases of private key entries ({@code keys}) or of trusted certificates (not {@code keys}). */
  private static List<String> aliases(KeyStore store, Path file, String option, boolean keys) {
    List<String> found = new ArrayList<>();
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (keys ? store.isKeyEntry(alias) && store.getCertificateChain(alias) != null
            : store.isCertificateEntry(alias)) {
          found.add(alias);
        }
      }
    } catch (GeneralSecurityException e) {
      throw new SettingsException(P + option + ": cannot list the entries of " + file + ": " + e.getMessage(), e);
    }
    return found;
  }

  private static X509TrustManager trustManager(KeyStore trusted, Path file) {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new SettingsException(P + "trust-store: " + file + " gives no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new SettingsException(P + "trust-store: " + file + " cannot be used to check certificates: "
          + e.getMessage(), e);
    }
  }

  private static X509Certificate[] x509Chain(Certificate[] chain, String what) {
    if (chain == null || chain.length == 0 || !Arrays.stream(chain).allMatch(X509Certificate.class::isInstance)) {
      throw new SettingsException(P + "key-store: " + what + " is not an X.509 certificate chain");
    }
    return Arrays.copyOf(chain, chain.length, X509Certificate[].class);
  }

  private static void checkPem(PemFiles files) {
    X509Certificate ca = certificate(files.ca(), "pem.ca");
    X509Certificate certificate = certificate(files.certificate(), "pem.certificate");
    PrivateKey key = privateKey(files.privateKey());
    checkMatches(key, certificate, P + "pem.private-key: " + files.privateKey() + " does not belong to the certificate "
        + files.certificate() + " (" + certificate.getSubjectX500Principal() + ") of " + P + "pem.certificate");
    checkValidity(certificate, P + "pem.certificate", files.certificate().toString());
    checkValidity(ca, P + "pem.ca", files.ca().toString());
    try {
      certificate.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new SettingsException(P + "pem.certificate: " + files.certificate() + " (" + certificate.getSubjectX500Principal()
          + ") is not issued by the CA of " + P + "pem.ca " + files.ca() + " (" + ca.getSubjectX500Principal()
          + "), so the other nodes would refuse this one (with PEM files the node certificate must be"
          + " issued by that CA itself, not by an intermediate)", e);
    }
  }

  private static X509Certificate certificate(Path file, String option) {
    readable(file, option);
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | CertificateException e) {
      throw new SettingsException(P + option + ": " + file + " is not an X.509 certificate in PEM: " + e.getMessage(), e);
    }
  }

  /** As Akka's RotatingKeysSSLEngineProvider reads it (akka-pki): RSA, PKCS#1 or unencrypted PKCS#8. */
  private static PrivateKey privateKey(Path file) {
    readable(file, "pem.private-key");
    try {
      return DERPrivateKeyLoader.load(PEMDecoder.decode(Files.readString(file, StandardCharsets.US_ASCII)));
    } catch (IOException | RuntimeException e) {
      throw new SettingsException(P + "pem.private-key: " + file + " is not an RSA private key in PEM"
          + " ('RSA PRIVATE KEY' or unencrypted 'PRIVATE KEY'; openssl pkcs8 -topk8 -nocrypt converts others): "
          + e.getMessage(), e);
    }
  }

  private static void readable(Path file, String option) {
    if (!Files.isRegularFile(file)) {
      throw new SettingsException(P + option + ": " + file + " does not exist or is not a file");
    }
    if (!Files.isReadable(file)) {
      throw new SettingsException(P + option + ": " + file + " is not readable by this process");
    }
  }

  /** The key signs, the certificate's public key verifies: they are one key pair. */
  private static void checkMatches(PrivateKey key, X509Certificate certificate, String mismatch) {
    PublicKey publicKey = certificate.getPublicKey();
    if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
      throw new SettingsException(mismatch + ": a " + key.getAlgorithm() + " key for a " + publicKey.getAlgorithm()
          + " certificate");
    }
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "DSA" -> "SHA256withDSA";
      case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
      default -> null;
    };
    if (algorithm == null) {
      return; // a key type the JDK signs with no standard name; the handshake will tell
    }
    try {
      byte[] data = new byte[32];
      new SecureRandom().nextBytes(data);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(data);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(data);
      if (!verifier.verify(signature)) {
        throw new SettingsException(mismatch);
      }
    } catch (GeneralSecurityException e) {
      throw new SettingsException(mismatch + ": " + e.getMessage(), e);
    }
  }

  private static void checkValidity(X509Certificate certificate, String option, String what) {
    try {
      certificate.checkValidity();
    } catch (CertificateExpiredException e) {
      throw new SettingsException(option + ": " + what + " (" + certificate.getSubjectX500Principal() + ") expired on "
          + certificate.getNotAfter().toInstant(), e);
    } catch (CertificateNotYetValidException e) {
      throw new SettingsException(option + ": " + what + " (" + certificate.getSubjectX500Principal()
          + ") is not valid before " + certificate.getNotBefore().toInstant(), e);
    }
  }
}
