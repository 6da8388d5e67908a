package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.complete;
import static akka.http.javadsl.server.Directives.extractRequest;
import static akka.http.javadsl.server.Directives.extractUri;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpMethod;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.Allow;
import akka.http.javadsl.server.ExceptionHandler;
import akka.http.javadsl.server.MethodRejection;
import akka.http.javadsl.server.RejectionHandler;
import akka.http.javadsl.server.Route;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the API returns, in SeaTunnel's shape: {@code {"status":"fail","message":"..."}} with
 * a fitting HTTP status. Rejections and exceptions are turned into these, so a client never sees
 * akka-http's plain-text defaults.
 */
final class JsonErrors {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

  private JsonErrors() {}

  static ObjectNode body(String message) {
    ObjectNode body = Json.object();
    body.put("status", "fail");
    body.put("message", message);
    return body;
  }

  static HttpResponse error(StatusCode status, String message) {
    return Json.response(status, body(message));
  }

  /** The response for a failed request; an unexpected failure is logged and answered with 500. */
  static HttpResponse forFailure(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof ApiException api) {
      ObjectNode body = body(api.getMessage());
      if (api.details() != null) {
        body.setAll(api.details());
      }
      return Json.response(api.status(), body);
    }
    log.error("REST request failed unexpectedly", cause);
    return error(
        StatusCodes.INTERNAL_SERVER_ERROR,
        "internal error: " + cause + " (logged on the master node that served this request)");
  }

  /** Not found (naming the path and the endpoints that exist), wrong method, anything else. */
  static RejectionHandler rejectionHandler(List<String> endpoints) {
    return RejectionHandler.newBuilder()
        .handleAll(MethodRejection.class, JsonErrors::methodNotAllowed)
        .handleNotFound(
            extractUri(
                uri ->
                    complete(
                        error(
                            StatusCodes.NOT_FOUND,
                            "no endpoint at " + uri.path() + "; known endpoints: "
                                + String.join(", ", endpoints)))))
        .build()
        .withFallback(RejectionHandler.defaultHandler())
        .mapRejectionResponse(JsonErrors::asJson);
  }

  static ExceptionHandler exceptionHandler() {
    return ExceptionHandler.newBuilder().matchAny(e -> complete(forFailure(e))).build();
  }

  private static Route methodNotAllowed(List<MethodRejection> rejections) {
    HttpMethod[] allowed =
        rejections.stream().map(MethodRejection::supported).distinct().toArray(HttpMethod[]::new);
    String names =
        rejections.stream().map(r -> r.supported().value()).distinct().collect(Collectors.joining(", "));
    return extractRequest(
        request ->
            complete(
                error(
                        StatusCodes.METHOD_NOT_ALLOWED,
                        request.method().value() + " is not allowed on " + request.getUri().path()
                            + "; use " + names)
                    .addHeader(Allow.create(allowed))));
  }

  /** Rewrites akka-http's default plain-text rejection responses, keeping status and headers. */
  static HttpResponse asJson(HttpResponse response) {
    if (response.entity().getContentType().equals(ContentTypes.APPLICATION_JSON)) {
      return response;
    }
    String message = response.status().reason();
    if (response.entity() instanceof HttpEntity.Strict strict && !strict.getData().isEmpty()) {
      message = strict.getData().utf8String();
    }
    return response.withEntity(ContentTypes.APPLICATION_JSON, Json.bytes(body(message)));
  }

  /** The failure inside the CompletionException / ExecutionException wrappers of a stage. */
  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
