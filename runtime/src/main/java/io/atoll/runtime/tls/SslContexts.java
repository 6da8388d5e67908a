package io.atoll.runtime.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@link SSLContext}s from key stores (PKCS#12, JKS) or PEM files, with errors that name the file
 * and say what is wrong with it. Passwords are taken as given and never appear in a message.
 */
public final class SslContexts {
  private static final char[] IN_MEMORY = new char[0];

  private SslContexts() {}

  /** A server context presenting the key store's key entry. */
  public static SSLContext server(Path keyStore, String type, char[] storePassword, char[] keyPassword) {
    return context(keyManagers(keyStore, type, storePassword, keyPassword), null);
  }

  /** A client context that trusts the certificates in a PEM file (a CA, or the server's own). */
  public static SSLContext trusting(Path caCertificates) {
    return context(null, trustManagers(caCertificates));
  }

  /**
   * A TLS context; {@code null} keys present none (a client without a certificate), {@code null}
   * trust uses the JVM's default trust store.
   */
  public static SSLContext context(KeyManager[] keys, TrustManager[] trust) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make a TLS context", e);
    }
  }

  /** The key entry of a key store (PKCS12 or JKS), opened with its passwords. */
  public static KeyManager[] keyManagers(Path keyStore, String type, char[] storePassword, char[] keyPassword) {
    KeyStore store = load(keyStore, type, storePassword);
    try {
      if (Collections.list(store.aliases()).stream().noneMatch(alias -> isKeyEntry(store, alias))) {
        throw new KeyMaterialException(keyStore + " holds no private key entry (only certificates)");
      }
      return keyManagers(store, keyPassword, keyStore + ": the key password does not open its private key");
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException(keyStore + " cannot be used as a key (" + e.getMessage() + ")", e);
    }
  }

  /**
   * A certificate chain (own certificate first) and its key, as {@link Pem} read them from the
   * files named (for the messages).
   */
  public static KeyManager[] keyManagers(List<X509Certificate> chain, PrivateKey key, Path certificateChain,
      Path privateKey) {
    requireMatch(key, chain.get(0), certificateChain, privateKey);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("key", key, IN_MEMORY, chain.toArray(Certificate[]::new));
      return keyManagers(store, IN_MEMORY, privateKey + " cannot be used with " + certificateChain);
    } catch (GeneralSecurityException | IOException e) {
      throw new KeyMaterialException(privateKey + " and " + certificateChain + " cannot be used as a key ("
          + e.getMessage() + ")", e);
    }
  }

  /** Trust in the certificates of a PEM file. */
  public static TrustManager[] trustManagers(Path pemCertificates) {
    List<X509Certificate> certificates = Pem.certificates(pemCertificates);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        store.setCertificateEntry("ca-" + i, certificates.get(i));
      }
      return trustManagers(store);
    } catch (GeneralSecurityException | IOException e) {
      throw new KeyMaterialException(pemCertificates + " cannot be used as trusted certificates (" + e.getMessage()
          + ")", e);
    }
  }

  /** Trust in the certificates of a trust store (PKCS12 or JKS). */
  public static TrustManager[] trustManagers(Path trustStore, String type, char[] password) {
    KeyStore store = load(trustStore, type, password);
    try {
      if (store.size() == 0) {
        throw new KeyMaterialException(trustStore + " holds no certificate");
      }
      return trustManagers(store);
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException(trustStore + " cannot be used as a trust store (" + e.getMessage() + ")", e);
    }
  }

  private static TrustManager[] trustManagers(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    return trust.getTrustManagers();
  }

  /** {@code PKCS12} or {@code JKS}; empty: JKS for a {@code .jks} file, else PKCS12. */
  static String storeType(Path file, String type) {
    if (!type.isBlank()) {
      return type.strip().toUpperCase(Locale.ROOT);
    }
    return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jks")
        ? "JKS" : "PKCS12";
  }

  private static KeyStore load(Path file, String type, char[] password) {
    String storeType = storeType(file, type);
    KeyStore store;
    try {
      store = KeyStore.getInstance(storeType);
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException("key store type " + storeType + " is not known to this JVM (use PKCS12 or JKS)",
          e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
      return store;
    } catch (NoSuchFileException e) {
      throw new KeyMaterialException(file + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new KeyMaterialException(file + " cannot be read (permission denied)", e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
        throw new KeyMaterialException(KeyMaterialException.Wrong.STORE_PASSWORD,
            file + ": the key store password is wrong", e);
      }
      throw new KeyMaterialException(file + " is not a readable " + storeType + " key store (" + e.getMessage()
          + ")", e);
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException(file + " is not a readable " + storeType + " key store (" + e.getMessage()
          + ")", e);
    }
  }

  private static KeyManager[] keyManagers(KeyStore store, char[] keyPassword, String wrongPassword)
      throws GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    try {
      keys.init(store, keyPassword);
    } catch (UnrecoverableKeyException e) {
      throw new KeyMaterialException(KeyMaterialException.Wrong.KEY_PASSWORD, wrongPassword, e);
    }
    return keys.getKeyManagers();
  }

  private static boolean isKeyEntry(KeyStore store, String alias) {
    try {
      return store.isKeyEntry(alias);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** A key that does not belong to the certificate fails every handshake; say so at start instead. */
  private static void requireMatch(PrivateKey key, X509Certificate certificate, Path chainFile, Path keyFile) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448 sign without a separate digest
    };
    byte[] probe = "atoll key check".getBytes(StandardCharsets.US_ASCII);
    boolean matches;
    try {
      Signature sign = Signature.getInstance(algorithm);
      sign.initSign(key);
      sign.update(probe);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(algorithm);
      verify.initVerify(certificate.getPublicKey());
      verify.update(probe);
      matches = verify.verify(signature);
    } catch (GeneralSecurityException e) {
      matches = false; // e.g. an EC key beside an RSA certificate
    }
    if (!matches) {
      throw new KeyMaterialException(keyFile + " is not the private key of the first certificate in " + chainFile
          + " (" + certificate.getSubjectX500Principal().getName() + ")");
    }
  }
}
