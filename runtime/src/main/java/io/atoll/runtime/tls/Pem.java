package io.atoll.runtime.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files read with the JDK alone: X.509 certificates ({@code BEGIN CERTIFICATE}) and
 * unencrypted PKCS#8 private keys ({@code BEGIN PRIVATE KEY}: RSA, EC or EdDSA). Other key
 * encodings are refused with the {@code openssl} command that converts them.
 */
public final class Pem {
  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final Pattern ANY_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA");

  private Pem() {}

  /** Every certificate in the file, in file order (a chain: the server's own first). */
  public static List<X509Certificate> certificates(Path file) {
    byte[] bytes = read(file);
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      factory.generateCertificates(new ByteArrayInputStream(bytes))
          .forEach(c -> certificates.add((X509Certificate) c));
    } catch (CertificateException e) {
      throw new KeyMaterialException(file + " is not a PEM certificate file (" + e.getMessage() + ")", e);
    }
    if (certificates.isEmpty()) {
      throw new KeyMaterialException(file + " holds no certificate (expected -----BEGIN CERTIFICATE----- blocks)");
    }
    return List.copyOf(certificates);
  }

  /** The one PKCS#8 private key in the file. */
  public static PrivateKey privateKey(Path file) {
    String text = new String(read(file), StandardCharsets.US_ASCII);
    Matcher key = PRIVATE_KEY.matcher(text);
    if (!key.find()) {
      throw new KeyMaterialException(file + " holds no unencrypted PKCS#8 private key (-----BEGIN PRIVATE KEY-----)"
          + otherBlock(text, file));
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(key.group(1));
    } catch (IllegalArgumentException e) {
      throw new KeyMaterialException(file + ": the private key's base64 is damaged (" + e.getMessage() + ")", e);
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
        // not this algorithm's key: try the next
      }
    }
    throw new KeyMaterialException(file + ": the private key is not an RSA, EC or EdDSA PKCS#8 key");
  }

  private static String otherBlock(String text, Path file) {
    Matcher block = ANY_BLOCK.matcher(text);
    if (!block.find()) {
      return "";
    }
    String found = block.group(1);
    if (found.equals("ENCRYPTED PRIVATE KEY") || found.endsWith(" PRIVATE KEY")) {
      return "; it holds a " + found + ": convert it with "
          + "`openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem`";
    }
    return "; it holds a " + found;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new KeyMaterialException(file + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new KeyMaterialException(file + " cannot be read (permission denied)", e);
    } catch (IOException e) {
      throw new KeyMaterialException(file + " cannot be read (" + e + ")", e);
    }
  }
}
