package io.atoll.runtime.http;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The bodies of SeaTunnel's batch endpoints, {@code POST /submit-jobs} and {@code POST /stop-jobs}:
 * a JSON array whose elements are read exactly as the single endpoints read theirs
 * ({@link JobRequests#submit} for an element's {@code params}, {@link JobRequests#stop} for a stop),
 * so both take the same fields with the same names. Every element is checked here before anything
 * is submitted or stopped; a bad one is a 400 naming its index ({@code job [2]}, counted from 0).
 */
final class JobBatches {
  static final String SUBMIT_EXAMPLE = "send [{\"params\": {\"jobId\": \"123456\", \"jobName\": \"orders\"}, "
      + "\"env\": {\"job.mode\": \"batch\"}, \"source\": [...], \"transform\": [], \"sink\": [...]}, ...]";
  static final String STOP_EXAMPLE =
      "send [{\"jobId\": 881432421482889220, \"isStopWithSavePoint\": false}, ...]";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** An element's params are read as /submit-job's query with a JSON body: the config's format is json. */
  private static final HttpRequest JSON_ELEMENT =
      HttpRequest.POST("/submit-jobs").withEntity(ContentTypes.APPLICATION_JSON, "");

  private JobBatches() {}

  /**
   * One job of a batch submit.
   *
   * @param config the element without its {@code params}, as JSON text (lines in its problems count
   *     within this element, pretty-printed)
   */
  record SubmitElement(int index, JobRequests.Submit params, String config) {
    /** {@code job [1] ('orders')}, for messages. */
    String label() {
      return "job [" + index + "]" + params.jobName().map(name -> " ('" + name + "')").orElse("");
    }
  }

  /** @throws ApiException (400) for anything but a non-empty array of well-formed jobs with distinct ids */
  static List<SubmitElement> submits(String body) {
    ArrayNode array = RequestBodies.jsonArray(body, SUBMIT_EXAMPLE);
    if (array.isEmpty()) {
      throw ApiException.badRequest("the array is empty: there is no job to submit; " + SUBMIT_EXAMPLE);
    }
    List<SubmitElement> elements = new ArrayList<>();
    Map<Long, Integer> ids = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode element = array.get(i);
      if (!element.isObject()) {
        throw ApiException.badRequest("job [" + i + "] must be a JSON object (params, env, source, transform, sink), "
            + "got " + element.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + "; " + SUBMIT_EXAMPLE);
      }
      ObjectNode config = element.deepCopy();
      JobRequests.Submit params = params(i, config.remove("params"));
      if (params.jobId() > 0) {
        Integer earlier = ids.putIfAbsent(params.jobId(), i);
        if (earlier != null) {
          throw ApiException.badRequest("job [" + i + "] has jobId " + params.jobId() + " like job [" + earlier
              + "]; every job of a batch needs its own id (or none, to let the cluster number it)");
        }
      }
      elements.add(new SubmitElement(i, params, pretty(config)));
    }
    return List.copyOf(elements);
  }

  private static JobRequests.Submit params(int index, JsonNode params) {
    List<Map.Entry<String, String>> query = new ArrayList<>();
    if (params != null && !params.isNull()) {
      if (!params.isObject()) {
        throw ApiException.badRequest("job [" + index + "] params must be a JSON object such as "
            + "{\"jobId\": \"123456\", \"jobName\": \"orders\"}, got " + params);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        if (!p.getValue().isValueNode() || p.getValue().isNull()) {
          throw ApiException.badRequest("job [" + index + "] params." + p.getKey()
              + " must be a string, number or boolean, got " + p.getValue());
        }
        query.add(Map.entry(p.getKey(), p.getValue().asText()));
      }
    }
    try {
      return JobRequests.submit(query, JSON_ELEMENT);
    } catch (ApiException e) {
      throw prefixed("job [" + index + "] params: ", e);
    }
  }

  /** @throws ApiException (400) for anything but a non-empty array of well-formed stops with distinct ids */
  static List<JobRequests.Stop> stops(String body) {
    ArrayNode array = RequestBodies.jsonArray(body, STOP_EXAMPLE);
    if (array.isEmpty()) {
      throw ApiException.badRequest("the array is empty: there is no job to stop; " + STOP_EXAMPLE);
    }
    List<JobRequests.Stop> stops = new ArrayList<>();
    Map<Long, Integer> ids = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode element = array.get(i);
      if (!element.isObject()) {
        throw ApiException.badRequest("job [" + i + "] must be a JSON object, got " + element + "; " + STOP_EXAMPLE);
      }
      JobRequests.Stop stop;
      try {
        stop = JobRequests.stop(element.toString());
      } catch (ApiException e) {
        throw prefixed("job [" + i + "]: ", e);
      }
      Integer earlier = ids.putIfAbsent(stop.jobId(), i);
      if (earlier != null) {
        throw ApiException.badRequest("job [" + i + "] stops job " + stop.jobId() + " like job [" + earlier
            + "]; name each job once");
      }
      stops.add(stop);
    }
    return List.copyOf(stops);
  }

  /** The same error, its message saying which element it is about. */
  static ApiException prefixed(String prefix, ApiException e) {
    return new ApiException(e.status(), prefix + e.getMessage(), e.details());
  }

  private static String pretty(ObjectNode config) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(config);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree: " + e.getMessage(), e); // plain nodes always write
    }
  }
}
