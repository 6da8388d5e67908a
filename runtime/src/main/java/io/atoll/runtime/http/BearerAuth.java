package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.complete;
import static akka.http.javadsl.server.Directives.optionalHeaderValueByName;

import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.HttpChallenge;
import akka.http.javadsl.model.headers.WWWAuthenticate;
import akka.http.javadsl.server.Route;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code atoll.http.auth-token}: with a token set, every request must carry
 * {@code Authorization: Bearer <token>} or gets a 401 with {@code WWW-Authenticate: Bearer}. Tokens
 * are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken says
 * nothing about the token, not even its length. Neither token is ever logged or echoed.
 */
final class BearerAuth {
  private static final String SCHEME = "Bearer ";

  private final byte[] expected;

  /** @param token the configured token; empty means every request passes */
  BearerAuth(String token) {
    this.expected = token.isEmpty() ? null : digest(token);
  }

  Route require(Supplier<Route> inner) {
    if (expected == null) {
      return inner.get();
    }
    return optionalHeaderValueByName("Authorization", header -> {
      Optional<String> problem = check(header);
      return problem.isEmpty() ? inner.get() : complete(unauthorized(problem.get()));
    });
  }

  /** Why the header does not authenticate, or empty when it does. */
  Optional<String> check(Optional<String> header) {
    if (header.isEmpty()) {
      return Optional.of("authentication required: send the header Authorization: Bearer <token>, "
          + "the token being the master's atoll.http.auth-token");
    }
    String value = header.get();
    if (value.length() < SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.of("the Authorization header must use the Bearer scheme: Authorization: Bearer <token>");
    }
    byte[] given = digest(value.substring(SCHEME.length()).strip());
    return MessageDigest.isEqual(expected, given) ? Optional.empty()
        : Optional.of("the bearer token is not this cluster's atoll.http.auth-token");
  }

  private static HttpResponse unauthorized(String message) {
    return JsonErrors.error(StatusCodes.UNAUTHORIZED, message)
        .addHeader(WWWAuthenticate.create(HttpChallenge.create("Bearer", "atoll", Map.of())));
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
