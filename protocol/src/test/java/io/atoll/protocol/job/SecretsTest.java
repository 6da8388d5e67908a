package io.atoll.protocol.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void passwordsTokensAndKeysAreSecrets() {
    for (String key : List.of("password", "xa_password", "kafka.sasl.Password", "passwd", "token", "auth_token",
        "access-token", "secret", "secret_key", "fs.s3a.secret.key", "access_key", "private_key", "api-key",
        "auth", "credentials", "credential.file")) {
      assertTrue(Secrets.secret(key), key + " is a secret");
    }
  }

  @Test
  void keysOfTablesAndOtherNamesAreNot() {
    for (String key : List.of("user", "username", "url", "primary_key", "primary_keys", "constraint_key_name",
        "partition_key", "key", "author", "tokenizer", "secretary_name", "authority", "row.num")) {
      assertFalse(Secrets.secret(key), key + " is no secret");
    }
  }

  @Test
  void aSecretIsMaskedWhereverItOccurs() {
    assertEquals("login ****** refused, x******y", Secrets.maskValue("login hunter2 refused, xhunter2y", "hunter2"));
  }

  @Test
  void aShortSecretIsMaskedOnlyWhereItStandsAlone() {
    assertEquals("jdbc:postgresql://h:5432/db?password=****** (user u, password ******)",
        Secrets.maskValue("jdbc:postgresql://h:5432/db?password=p (user u, password p)", "p"));
    assertEquals("classpath ******@host", Secrets.maskValue("classpath abc@host", "abc"));
    assertEquals("abcd ******", Secrets.maskValue("abcd abc", "abc"));
    assertEquals("no secret", Secrets.maskValue("no secret", ""));
  }
}
