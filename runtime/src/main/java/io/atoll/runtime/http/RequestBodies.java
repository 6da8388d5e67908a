package io.atoll.runtime.http;

import akka.actor.typed.ActorSystem;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.StatusCodes;
import akka.http.scaladsl.model.EntityStreamSizeException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * Request bodies read as streams, never blocking a request thread, and never larger than
 * {@code atoll.http.max-body-size}: a larger body is a 413 before (declared length) or while
 * (chunked) it is read.
 */
final class RequestBodies {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** The deepest nesting of objects and arrays a JSON body may have; job configs need a few levels. */
  static final int MAX_DEPTH = 64;
  private static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);

  private final ActorSystem<?> system;
  private final long maxBytes;

  RequestBodies(ActorSystem<?> system, long maxBytes) {
    this.system = system;
    this.maxBytes = maxBytes;
  }

  /** The whole body as text, in its declared charset (UTF-8 by default). */
  CompletionStage<String> text(HttpEntity entity) {
    Charset charset = entity.getContentType().getCharsetOption()
        .map(c -> c.nioCharset()).orElse(StandardCharsets.UTF_8);
    return strict(entity).thenApply(strict -> strict.getData().decodeString(charset));
  }

  /** The whole body in memory (a multipart upload is parsed from it), within the same limit as {@link #text}. */
  CompletionStage<HttpEntity.Strict> strict(HttpEntity entity) {
    if (entity.getContentLengthOption().orElse(0L) > maxBytes) {
      return CompletableFuture.failedFuture(tooLarge()); // declared: no need to read any of it
    }
    return entity.toStrict(BODY_TIMEOUT.toMillis(), maxBytes, system).handle((strict, failure) -> {
      if (failure == null) {
        return strict;
      }
      Throwable cause = JsonErrors.unwrap(failure);
      if (cause instanceof EntityStreamSizeException) {
        throw tooLarge(); // a chunked body that grew past the limit
      }
      if (cause instanceof TimeoutException) {
        throw new ApiException(StatusCodes.REQUEST_TIMEOUT, "request body did not arrive within "
            + BODY_TIMEOUT.toSeconds() + " s");
      }
      throw new CompletionException(cause);
    });
  }

  private ApiException tooLarge() {
    return new ApiException(StatusCodes.PAYLOAD_TOO_LARGE, "request body is larger than " + maxBytes
        + " bytes (atoll.http.max-body-size); a job config is a few kilobytes, was a data file sent by mistake?");
  }

  /**
   * A body that must be one JSON object.
   *
   * @param example what to send instead, for the 400 message
   * @throws ApiException (400) for an empty body, malformed JSON or another JSON value
   */
  static ObjectNode jsonObject(String body, String example) {
    JsonNode json = json(body, example);
    if (json == null || !json.isObject()) {
      throw ApiException.badRequest("request body must be a JSON object; " + example);
    }
    return (ObjectNode) json;
  }

  /** A body that must be one JSON array (the batch endpoints); as {@link #jsonObject} otherwise. */
  static ArrayNode jsonArray(String body, String example) {
    JsonNode json = json(body, example);
    if (json == null || !json.isArray()) {
      throw ApiException.badRequest("request body must be a JSON array; " + example);
    }
    return (ArrayNode) json;
  }

  private static JsonNode json(String body, String example) {
    if (body.isBlank()) {
      throw ApiException.badRequest("request body is empty; " + example);
    }
    JsonNode json;
    try {
      requireShallow(body, example);
      json = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      String at = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw ApiException.badRequest("request body is not JSON (" + e.getOriginalMessage() + at + "); " + example);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a request body held in memory", e); // a String cannot fail to read
    }
    return json;
  }

  /**
   * Streams through the body (no recursion) before it is read into a tree, which Jackson does
   * recursively: a few hundred thousand nested arrays would overflow the stack.
   */
  private static void requireShallow(String body, String example) throws IOException {
    try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
      int depth = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token.isStructStart() && ++depth > MAX_DEPTH) {
          throw ApiException.badRequest("request body nests objects and arrays deeper than " + MAX_DEPTH
              + " levels (at line " + parser.getCurrentLocation().getLineNr() + "); " + example);
        }
        if (token.isStructEnd()) {
          depth--;
        }
      }
    }
  }
}
