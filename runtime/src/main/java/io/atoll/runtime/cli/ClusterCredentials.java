package io.atoll.runtime.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials the cluster commands send, taken from the environment so they never show on
 * the process list: {@value #TOKEN_ENV} (a bearer token, {@code atoll.http.auth-token}), else
 * {@value #USER_ENV} and {@value #PASSWORD_ENV} (HTTP basic, {@code atoll.http.basic-auth}). A
 * master with both accepts either, so the token wins when both are set. Never printed.
 */
final class ClusterCredentials {
  static final String TOKEN_ENV = "ATOLL_HTTP_AUTH_TOKEN";
  static final String USER_ENV = "ATOLL_HTTP_USER";
  static final String PASSWORD_ENV = "ATOLL_HTTP_PASSWORD";
  static final ClusterCredentials NONE = new ClusterCredentials(Optional.empty(), "none");

  private final Optional<String> authorization;
  private final String kind;

  private ClusterCredentials(Optional<String> authorization, String kind) {
    this.authorization = authorization;
    this.kind = kind;
  }

  static ClusterCredentials bearer(Optional<String> token) {
    return token.map(String::strip).filter(t -> !t.isEmpty())
        .map(t -> new ClusterCredentials(Optional.of("Bearer " + t), "bearer token")).orElse(NONE);
  }

  static ClusterCredentials basic(String user, String password) {
    String pair = user + ":" + password;
    return new ClusterCredentials(
        Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))),
        "basic authentication as " + user);
  }

  /**
   * @throws IllegalArgumentException when only one of user and password is set
   */
  static ClusterCredentials fromEnvironment(Map<String, String> env) {
    ClusterCredentials token = bearer(Optional.ofNullable(env.get(TOKEN_ENV)));
    if (token != NONE) {
      return token;
    }
    String user = env.getOrDefault(USER_ENV, "").strip();
    String password = env.getOrDefault(PASSWORD_ENV, "");
    if (user.isEmpty() && password.isEmpty()) {
      return NONE;
    }
    if (user.isEmpty() || password.isEmpty()) {
      throw new IllegalArgumentException(USER_ENV + " and " + PASSWORD_ENV + " go together for HTTP basic "
          + "authentication; only " + (user.isEmpty() ? PASSWORD_ENV : USER_ENV) + " is set");
    }
    return basic(user, password);
  }

  /** The value of the {@code Authorization} header, if any. */
  Optional<String> authorization() {
    return authorization;
  }

  @Override
  public String toString() {
    return "ClusterCredentials[" + kind + "]";
  }
}
