package io.atoll.runtime.http;

import io.atoll.runtime.config.BasicAuthSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code atoll.http.basic-auth}: the credentials of {@code Authorization: Basic base64(user:password)}
 * (RFC 7617, UTF-8). User and password are compared as SHA-256 digests in constant time, both
 * always, so the answer's timing says nothing about which one was wrong; neither is logged or echoed.
 */
final class BasicAuth {
  static final String SCHEME = "Basic";

  private final byte[] user;
  private final byte[] password;

  /** @param settings enabled basic-auth settings */
  BasicAuth(BasicAuthSettings settings) {
    if (!settings.enabled()) {
      throw new IllegalArgumentException("basic authentication is off");
    }
    this.user = BearerAuth.digest(settings.username());
    this.password = BearerAuth.digest(settings.password());
  }

  /** Why the credentials after "Basic " do not authenticate, or empty when they do. */
  Optional<String> check(String credentials) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(credentials.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.of("the Basic credentials are not base64: send Authorization: Basic base64(user:password)");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.of("the Basic credentials have no ':' between user and password");
    }
    boolean userOk = MessageDigest.isEqual(user, BearerAuth.digest(decoded.substring(0, colon)));
    boolean passwordOk = MessageDigest.isEqual(password, BearerAuth.digest(decoded.substring(colon + 1)));
    return userOk & passwordOk ? Optional.empty()
        : Optional.of("wrong user or password for atoll.http.basic-auth");
  }
}
