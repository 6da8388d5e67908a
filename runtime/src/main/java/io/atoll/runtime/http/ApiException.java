package io.atoll.runtime.http;

import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the API answers with a client-facing error: the status, a message saying why and,
 * where one message is not enough (every problem of an invalid job config), extra fields for the
 * error body.
 */
final class ApiException extends RuntimeException {
  private final StatusCode status;
  private final ObjectNode details;

  ApiException(StatusCode status, String message) {
    this(status, message, null);
  }

  /** @param details fields added to the error body next to status and message; may be null */
  ApiException(StatusCode status, String message, ObjectNode details) {
    super(message, null, false, false);
    this.status = status;
    this.details = details;
  }

  static ApiException badRequest(String message) {
    return new ApiException(StatusCodes.BAD_REQUEST, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(StatusCodes.NOT_FOUND, message);
  }

  static ApiException serviceUnavailable(String message) {
    return new ApiException(StatusCodes.SERVICE_UNAVAILABLE, message);
  }

  StatusCode status() {
    return status;
  }

  /** Extra fields of the error body, or null. */
  ObjectNode details() {
    return details;
  }
}
