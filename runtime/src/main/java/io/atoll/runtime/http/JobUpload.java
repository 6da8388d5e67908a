package io.atoll.runtime.http;

import akka.actor.typed.ActorSystem;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.MediaType;
import akka.http.javadsl.model.Multipart;
import akka.http.javadsl.unmarshalling.Unmarshaller;
import akka.stream.Materializer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The job file of {@code POST /submit-job/upload}: a {@code multipart/form-data} body whose part
 * {@code config_file} (SeaTunnel's name, e.g. {@code curl -F config_file=@job.conf}) holds the
 * job file. The body has been read within {@code atoll.http.max-body-size} before it gets here.
 */
final class JobUpload {
  static final String PART = "config_file";
  static final String EXAMPLE = "send the job file as the form part '" + PART + "', e.g. curl -F "
      + PART + "=@job.conf http://HOST:8080/submit-job/upload";
  private static final long PARSE_TIMEOUT_MILLIS = 10_000;

  private JobUpload() {}

  /** The uploaded file: its name as the client gave it (may be empty) and its text. */
  record File(String name, String text) {
    /**
     * The {@code format} parameter its name implies: {@code .json} is json, {@code .sql} sql
     * (refused as /submit-job refuses it), anything else ({@code .conf}, {@code .hocon}, none) hocon.
     */
    String format() {
      String lower = name.toLowerCase(Locale.ROOT);
      return lower.endsWith(".json") ? "json" : lower.endsWith(".sql") ? "sql" : "hocon";
    }

    /**
     * The query with {@code format} added from the file's name unless the client gave one: then
     * /submit-job's parameter reading decides, with its checks, as for any submit.
     */
    List<Map.Entry<String, String>> withFormat(List<Map.Entry<String, String>> query) {
      if (query.stream().anyMatch(p -> p.getKey().equals("format"))) {
        return query;
      }
      List<Map.Entry<String, String>> withFormat = new ArrayList<>(query);
      withFormat.add(Map.entry("format", format()));
      return List.copyOf(withFormat);
    }
  }

  /** @throws ApiException (400, in the stage) for a body that is not a form with exactly one config_file part */
  static CompletionStage<File> read(HttpEntity.Strict entity, ActorSystem<?> system) {
    MediaType media = entity.getContentType().mediaType();
    if (!(media.mainType() + "/" + media.subType()).equalsIgnoreCase("multipart/form-data")) {
      return CompletableFuture.failedFuture(ApiException.badRequest("Content-Type must be multipart/form-data, got "
          + media + "; " + EXAMPLE + " (or POST the file's text to /submit-job)"));
    }
    Materializer materializer = Materializer.matFromSystem(system);
    return Unmarshaller.entityToMultipartFormData().unmarshal(entity, materializer)
        .thenCompose(form -> form.toStrict(PARSE_TIMEOUT_MILLIS, materializer))
        .handle((form, failure) -> {
          if (failure != null) {
            throw ApiException.badRequest("the multipart/form-data body cannot be read ("
                + JsonErrors.unwrap(failure).getMessage() + "); " + EXAMPLE);
          }
          return file(form);
        });
  }

  private static File file(Multipart.FormData.Strict form) {
    List<String> names = new ArrayList<>();
    Multipart.FormData.BodyPart.Strict found = null;
    for (Multipart.FormData.BodyPart.Strict part : form.getStrictParts()) {
      names.add(part.getName());
      if (part.getName().equals(PART)) {
        if (found != null) {
          throw ApiException.badRequest("the form has more than one '" + PART + "' part; send one job file per "
              + "request (POST /submit-jobs takes several jobs)");
        }
        found = part;
      }
    }
    if (found == null) {
      throw ApiException.badRequest("the form has no '" + PART + "' part" + (names.isEmpty() ? ""
          : " (its parts: " + String.join(", ", names) + ")") + "; " + EXAMPLE);
    }
    HttpEntity.Strict data = found.getEntity();
    String text = data.getData().decodeString(data.getContentType().getCharsetOption()
        .map(c -> c.nioCharset()).orElse(StandardCharsets.UTF_8));
    Optional<String> name = found.getFilename();
    return new File(name.orElse(""), text);
  }
}
