package io.atoll.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpMethods;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.Allow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The conversions behind the JSON error handling that no current route reaches. */
class JsonErrorsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode body(HttpResponse response) throws Exception {
    assertEquals(ContentTypes.APPLICATION_JSON, response.entity().getContentType());
    return MAPPER.readTree(((HttpEntity.Strict) response.entity()).getData().toArray());
  }

  @Test
  void plainTextRejectionBecomesJsonWithTheSameStatusAndHeaders() throws Exception {
    HttpResponse text =
        HttpResponse.create()
            .withStatus(StatusCodes.UNSUPPORTED_MEDIA_TYPE)
            .withEntity(ContentTypes.TEXT_PLAIN_UTF8, "The request's Content-Type is not supported.")
            .addHeader(Allow.create(HttpMethods.GET));
    HttpResponse json = JsonErrors.asJson(text);
    assertEquals(StatusCodes.UNSUPPORTED_MEDIA_TYPE, json.status());
    assertTrue(json.getHeader(Allow.class).isPresent());
    JsonNode body = body(json);
    assertEquals("fail", body.get("status").textValue());
    assertEquals("The request's Content-Type is not supported.", body.get("message").textValue());
  }

  @Test
  void emptyRejectionBodyIsNamedByItsStatus() throws Exception {
    HttpResponse json = JsonErrors.asJson(HttpResponse.create().withStatus(StatusCodes.NOT_ACCEPTABLE));
    assertEquals("Not Acceptable", body(json).get("message").textValue());
  }

  @Test
  void jsonResponseIsLeftAlone() {
    HttpResponse json = JsonErrors.error(StatusCodes.NOT_FOUND, "no endpoint at /x");
    assertSame(json, JsonErrors.asJson(json));
  }

  @Test
  void wrappedApiFailureKeepsItsStatusAndOthersAre500() throws Exception {
    HttpResponse unavailable =
        JsonErrors.forFailure(new CompletionException(ApiException.serviceUnavailable("later")));
    assertEquals(StatusCodes.SERVICE_UNAVAILABLE, unavailable.status());
    assertEquals("later", body(unavailable).get("message").textValue());

    HttpResponse bug = JsonErrors.forFailure(new CompletionException(new NullPointerException("boom")));
    assertEquals(StatusCodes.INTERNAL_SERVER_ERROR, bug.status());
    assertTrue(body(bug).get("message").textValue().contains("boom"));
  }
}
