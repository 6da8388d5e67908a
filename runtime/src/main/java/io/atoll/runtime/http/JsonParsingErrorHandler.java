package io.atoll.runtime.http;

import akka.event.LoggingAdapter;
import akka.http.ParsingErrorHandler;
import akka.http.javadsl.model.HttpResponse;
import akka.http.scaladsl.model.ErrorInfo;
import akka.http.scaladsl.model.StatusCode;
import akka.http.scaladsl.settings.ServerSettings;

/**
 * Answers requests akka-http cannot even parse (bad request line, illegal header, URI too long)
 * with the API's JSON error instead of akka-http's plain text. Such requests never reach the route,
 * so the route's rejection and exception handlers cannot do it. akka-http instantiates this class
 * by name ({@link HttpApi} sets it in the server settings), hence the public no-argument
 * constructor.
 */
public final class JsonParsingErrorHandler extends ParsingErrorHandler {

  @Override
  public HttpResponse handle(
      StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
    log.warning("Illegal request, responding with status '{}': {}", status, info.formatPretty());
    String message = settings.verboseErrorMessages() ? info.formatPretty() : info.summary();
    return JsonErrors.error(status, message.isEmpty() ? status.reason() : message);
  }
}
