package io.atoll.runtime.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * {@code atoll.http.auth-token}: the credentials of {@code Authorization: Bearer <token>}. Tokens
 * are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken says
 * nothing about the token, not even its length. Neither token is ever logged or echoed.
 * {@link HttpAuth} picks this or {@link BasicAuth} by the header's scheme.
 */
final class BearerAuth {
  static final String SCHEME = "Bearer";

  private final byte[] expected;

  /** @param token the configured token, not empty */
  BearerAuth(String token) {
    if (token.isEmpty()) {
      throw new IllegalArgumentException("an empty token authenticates nothing");
    }
    this.expected = digest(token);
  }

  /** Why the credentials after "Bearer " do not authenticate, or empty when they do. */
  Optional<String> check(String credentials) {
    return MessageDigest.isEqual(expected, digest(credentials.strip())) ? Optional.empty()
        : Optional.of("the bearer token is not this cluster's atoll.http.auth-token");
  }

  static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
