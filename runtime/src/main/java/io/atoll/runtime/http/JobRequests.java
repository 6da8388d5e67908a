package io.atoll.runtime.http;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.atoll.runtime.job.config.TypedJobJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the parameters of {@code POST /submit-job} and the body of {@code POST /stop-job}, with
 * SeaTunnel's names, answering anything malformed with a 400 that says what to send instead.
 */
final class JobRequests {
  private static final Set<String> SUBMIT_PARAMETERS = Set.of("jobId", "jobName", "isStartWithSavePoint", "format");
  private static final Set<String> FORMATS = Set.of("json", "hocon");
  /** The format of a body sent as {@link TypedJobJson#MEDIA_TYPE}, whatever {@code format} says. */
  static final String TYPED = "atoll";

  private JobRequests() {}

  /**
   * @param jobId 0 to let the coordinator number the job
   * @param jobName replaces {@code env.job.name} when present
   * @param format {@code json} or {@code hocon}; both are read by the job file parser, as HOCON is
   *     a superset of JSON, so it only decides how problems describe the body; {@code atoll} for a
   *     job in Atoll's typed form ({@link TypedJobJson}), validated without parsing job text
   * @param startWithSavepoint {@code isStartWithSavePoint}: restore job {@code jobId} from its savepoint
   */
  record Submit(long jobId, Optional<String> jobName, String format, boolean startWithSavepoint) {
    Submit(long jobId, Optional<String> jobName, String format) {
      this(jobId, jobName, format, false);
    }
  }

  /** @param withSavepoint {@code isStopWithSavePoint}: stop after a savepoint instead of cancelling */
  record Stop(long jobId, boolean withSavepoint) {
    Stop(long jobId) {
      this(jobId, false);
    }
  }

  /** @throws ApiException (400) for an unknown, repeated or malformed parameter */
  static Submit submit(List<Map.Entry<String, String>> query, HttpRequest request) {
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, String> p : query) {
      if (!SUBMIT_PARAMETERS.contains(p.getKey())) {
        throw ApiException.badRequest("unknown query parameter '" + p.getKey() + "'; /submit-job takes "
            + "jobId, jobName, isStartWithSavePoint and format");
      }
      if (params.putIfAbsent(p.getKey(), p.getValue()) != null) {
        throw ApiException.badRequest("query parameter '" + p.getKey() + "' is given twice; give it once");
      }
    }
    long jobId = params.containsKey("jobId") ? jobId(params.get("jobId"), "query parameter jobId") : 0;
    String savepoint = params.getOrDefault("isStartWithSavePoint", "false").trim().toLowerCase(Locale.ROOT);
    if (!savepoint.equals("true") && !savepoint.equals("false")) {
      throw ApiException.badRequest("isStartWithSavePoint must be true or false, got '" + params.get("isStartWithSavePoint") + "'");
    }
    boolean fromSavepoint = savepoint.equals("true");
    if (fromSavepoint && jobId == 0) {
      throw ApiException.badRequest("isStartWithSavePoint=true needs jobId: the id of the job stopped with a "
          + "savepoint, e.g. /submit-job?jobId=733584788375666689&isStartWithSavePoint=true");
    }
    akka.http.javadsl.model.MediaType media = request.entity().getContentType().mediaType();
    boolean typed = (media.mainType() + "/" + media.subType()).equalsIgnoreCase(TypedJobJson.MEDIA_TYPE);
    String format = typed ? TYPED
        : params.containsKey("format")
        ? params.get("format").trim().toLowerCase(Locale.ROOT)
        : request.entity().getContentType().equals(ContentTypes.APPLICATION_JSON) ? "json" : "hocon";
    if (!typed && format.equals("sql")) {
      throw ApiException.badRequest("format=sql: SQL job files are not supported yet; send the job as HOCON or JSON "
          + "(env, source, transform, sink)");
    }
    if (!typed && !FORMATS.contains(format)) {
      throw ApiException.badRequest("format must be json or hocon, got '" + params.get("format") + "'");
    }
    Optional<String> jobName = Optional.ofNullable(params.get("jobName")).map(String::trim);
    if (jobName.isPresent() && jobName.get().isEmpty()) {
      throw ApiException.badRequest("query parameter jobName is empty; leave it out to keep env.job.name");
    }
    return new Submit(jobId, jobName, format, fromSavepoint);
  }

  /** {@code {"jobId": 733584788375666689, "isStopWithSavePoint": false}}; the id may be a string. */
  static Stop stop(String body) {
    String example = "send {\"jobId\": 733584788375666689, \"isStopWithSavePoint\": false}";
    JsonNode json = RequestBodies.jsonObject(body, example);
    JsonNode id = json.get("jobId");
    if (id == null || id.isNull()) {
      throw ApiException.badRequest("jobId is missing; " + example);
    }
    if (!id.isIntegralNumber() && !id.isTextual()) {
      throw ApiException.badRequest("jobId must be a whole number, got " + id);
    }
    long jobId = jobId(id.asText(), "jobId");
    JsonNode savepoint = json.get("isStopWithSavePoint");
    boolean withSavepoint = false;
    if (savepoint != null && !savepoint.isNull()) {
      String value = savepoint.asText().trim().toLowerCase(Locale.ROOT);
      if (!value.equals("true") && !value.equals("false")) {
        throw ApiException.badRequest("isStopWithSavePoint must be true or false, got " + savepoint);
      }
      withSavepoint = value.equals("true");
    }
    return new Stop(jobId, withSavepoint);
  }

  /** A positive job id; {@code what} names where it came from, for the message. */
  static long jobId(String text, String what) {
    long id;
    try {
      id = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(what + " must be a positive whole number, got '" + text + "'");
    }
    if (id <= 0) {
      throw ApiException.badRequest(what + " must be a positive whole number, got " + id);
    }
    return id;
  }
}
