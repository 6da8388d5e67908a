package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.complete;
import static akka.http.javadsl.server.Directives.optionalHeaderValueByName;

import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.HttpChallenge;
import akka.http.javadsl.model.headers.WWWAuthenticate;
import akka.http.javadsl.server.Route;
import io.atoll.runtime.config.HttpSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Authentication of every REST request: a bearer token ({@code atoll.http.auth-token}), HTTP basic
 * authentication ({@code atoll.http.basic-auth}), both (then either credential is accepted: the
 * header's scheme says which is checked), or none. A request without valid credentials gets a JSON
 * 401 with a {@code WWW-Authenticate} challenge for each configured scheme, and goes no further.
 */
final class HttpAuth {
  private static final String REALM = "atoll";

  private final Optional<BearerAuth> bearer;
  private final Optional<BasicAuth> basic;

  HttpAuth(HttpSettings settings) {
    this.bearer = settings.authToken().isEmpty() ? Optional.empty() : Optional.of(new BearerAuth(settings.authToken()));
    this.basic = settings.basicAuth().enabled() ? Optional.of(new BasicAuth(settings.basicAuth())) : Optional.empty();
  }

  Route require(Supplier<Route> inner) {
    if (bearer.isEmpty() && basic.isEmpty()) {
      return inner.get();
    }
    return optionalHeaderValueByName("Authorization", header -> {
      Optional<String> problem = check(header);
      return problem.isEmpty() ? inner.get() : complete(unauthorized(problem.get()));
    });
  }

  /** Why the header does not authenticate, or empty when it does (or nothing is required). */
  Optional<String> check(Optional<String> header) {
    if (bearer.isEmpty() && basic.isEmpty()) {
      return Optional.empty();
    }
    if (header.isEmpty()) {
      return Optional.of("authentication required: send the header " + accepted());
    }
    String value = header.get().strip();
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    String credentials = space < 0 ? "" : value.substring(space + 1);
    if (scheme.equalsIgnoreCase(BearerAuth.SCHEME) && bearer.isPresent()) {
      return bearer.get().check(credentials);
    }
    if (scheme.equalsIgnoreCase(BasicAuth.SCHEME) && basic.isPresent()) {
      return basic.get().check(credentials);
    }
    String schemes = bearer.isPresent() && basic.isPresent() ? "Bearer or Basic scheme"
        : bearer.isPresent() ? "Bearer scheme" : "Basic scheme";
    return Optional.of("the Authorization header must use the " + schemes + ": " + accepted());
  }

  private String accepted() {
    List<String> forms = new ArrayList<>();
    bearer.ifPresent(b -> forms.add("Authorization: Bearer <token>, the token being the master's atoll.http.auth-token"));
    basic.ifPresent(b -> forms.add("Authorization: Basic <base64 of user:password> (atoll.http.basic-auth)"));
    return String.join(", or ", forms);
  }

  private HttpResponse unauthorized(String message) {
    List<HttpChallenge> challenges = new ArrayList<>();
    bearer.ifPresent(b -> challenges.add(HttpChallenge.create(BearerAuth.SCHEME, REALM, Map.of())));
    basic.ifPresent(b -> challenges.add(HttpChallenge.create(BasicAuth.SCHEME, REALM, Map.of("charset", "UTF-8"))));
    return JsonErrors.error(StatusCodes.UNAUTHORIZED, message)
        .addHeader(WWWAuthenticate.create(challenges.toArray(HttpChallenge[]::new)));
  }
}
