package io.atoll.runtime.http;

import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;

/** A request the API answers with a client-facing error: the status and a message saying why. */
final class ApiException extends RuntimeException {
  private final StatusCode status;

  ApiException(StatusCode status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static ApiException badRequest(String message) {
    return new ApiException(StatusCodes.BAD_REQUEST, message);
  }

  static ApiException serviceUnavailable(String message) {
    return new ApiException(StatusCodes.SERVICE_UNAVAILABLE, message);
  }

  StatusCode status() {
    return status;
  }
}
