package io.atoll.runtime.transform.sql;

import static io.atoll.runtime.transform.sql.SqlFunction.fixed;
import static io.atoll.runtime.transform.sql.SqlFunction.strict;
import static io.atoll.runtime.transform.sql.StringFunctions.str;

import io.atoll.protocol.data.DataType.Basic;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.DESKeySpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * DES_ENCRYPT(password, text) and DES_DECRYPT(password, base64), the two functions SeaTunnel 2.3.4
 * ships as UDFs, so their values pass between the systems: DES in CBC mode with PKCS5 padding, the
 * key from the password's first 8 UTF-8 bytes, the fixed IV {@code 12345678}, the cipher text in
 * base64. A password shorter than 8 characters is refused. Where SeaTunnel logs a failed
 * decryption and returns its input unchanged, a value that does not decrypt fails the row here.
 */
final class DesFunctions {
  private static final byte[] IV = "12345678".getBytes(StandardCharsets.UTF_8);

  private DesFunctions() {}

  static List<SqlFunction> all() {
    return List.of(
        strict("DES_ENCRYPT", 2, 2, fixed(Basic.STRING), a -> Base64.getEncoder().encodeToString(
            run(Cipher.ENCRYPT_MODE, str(a, 0), str(a, 1).getBytes(StandardCharsets.UTF_8)))),
        strict("DES_DECRYPT", 2, 2, fixed(Basic.STRING), a -> new String(
            run(Cipher.DECRYPT_MODE, str(a, 0), base64(str(a, 1))), StandardCharsets.UTF_8)));
  }

  private static byte[] base64(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not base64 (" + e.getMessage() + ")");
    }
  }

  private static byte[] run(int mode, String password, byte[] input) {
    if (password.length() < 8) {
      throw new IllegalArgumentException("the DES password must have at least 8 characters");
    }
    try {
      var key = SecretKeyFactory.getInstance("DES")
          .generateSecret(new DESKeySpec(password.getBytes(StandardCharsets.UTF_8)));
      Cipher cipher = Cipher.getInstance("DES/CBC/PKCS5Padding");
      cipher.init(mode, key, new IvParameterSpec(IV));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException((mode == Cipher.ENCRYPT_MODE ? "encryption" : "decryption")
          + " failed: " + e.getMessage(), e);
    }
  }
}
