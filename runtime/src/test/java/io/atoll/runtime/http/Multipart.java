package io.atoll.runtime.http;

import java.net.http.HttpRequest;

/** A {@code multipart/form-data} request body built by hand, as curl -F sends it. */
record Multipart(String contentType, String body) {
  private static final String BOUNDARY = "atoll-test-boundary-7d2f";

  /** One file part; more parts are plain form fields {@code name=value}. */
  static Multipart file(String part, String fileName, String text, String... fields) {
    StringBuilder body = new StringBuilder();
    for (String field : fields) {
      String[] nameValue = field.split("=", 2);
      body.append("--").append(BOUNDARY).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(nameValue[0]).append("\"\r\n\r\n")
          .append(nameValue[1]).append("\r\n");
    }
    if (part != null) {
      body.append("--").append(BOUNDARY).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(part).append("\"; filename=\"").append(fileName)
          .append("\"\r\n")
          .append("Content-Type: application/octet-stream\r\n\r\n")
          .append(text).append("\r\n");
    }
    body.append("--").append(BOUNDARY).append("--\r\n");
    return new Multipart("multipart/form-data; boundary=" + BOUNDARY, body.toString());
  }

  HttpRequest.BodyPublisher publisher() {
    return HttpRequest.BodyPublishers.ofString(body);
  }
}
