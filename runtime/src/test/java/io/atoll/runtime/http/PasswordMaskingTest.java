package io.atoll.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.JobDefinition;
import io.atoll.protocol.job.JobMetrics;
import io.atoll.protocol.job.JobMode;
import io.atoll.protocol.job.JobStatus;
import io.atoll.protocol.job.PluginDefinition;
import io.atoll.protocol.job.Secrets;
import io.atoll.runtime.testing.Jobs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A job's passwords — options and env keys named *password*, and passwords inside URLs — are masked
 * in {@code /job-info}, {@code /running-jobs}, {@code /finished-jobs} and the job DAG's env.
 */
public class PasswordMaskingTest {
  public static final List<String> SECRETS = List.of("OptPass1", "Nested22", "EnvPass3", "UrlPass4", "UserInfo5");

  /** A Jdbc job whose env and source options hold each kind of password. */
  public static JobDefinition jdbcJob() {
    PluginDefinition source = new PluginDefinition(PluginKind.SOURCE, "Jdbc", 0, Jobs.options("""
        url = "jdbc:postgresql://db:5432/shop?user=u&password=UrlPass4&ssl=true"
        driver = org.postgresql.Driver
        user = reader
        password = "OptPass1"
        properties { xa_password = "Nested22" }
        """), List.of(), "t", 2, "job.conf");
    PluginDefinition sink = new PluginDefinition(PluginKind.SINK, "Console", 0, Jobs.options("{}"), List.of("t"), null,
        9, "job.conf");
    return new JobDefinition("secret-job", JobMode.BATCH, 1, 0, 0, 0, 1, Map.of(), 0,
        Map.of("job.name", "secret-job", "db.Password", "EnvPass3"), List.of(source, sink), "job.conf");
  }

  /** A failure message a driver might write, holding every password. */
  public static final String ERROR = "login failed for reader with OptPass1 (Nested22, EnvPass3) at "
      + "jdbc:postgresql://db:5432/shop?user=u&password=UrlPass4&ssl=true and mysql://reader:UserInfo5@db/shop";

  @Test
  void maskingRemovesEveryPasswordAndKeepsTheRestOfTheText() {
    String masked = Secrets.of(jdbcJob()).mask(ERROR);
    SECRETS.forEach(s -> assertFalse(masked.contains(s), s + " shown in " + masked));
    assertEquals("login failed for reader with ****** (******, ******) at "
        + "jdbc:postgresql://db:5432/shop?user=u&password=******&ssl=true and mysql://reader:******@db/shop", masked);
  }

  @Test
  void jobInfoShowsNeitherTheEnvPasswordNorPasswordsInTheError() {
    var job = TestingJobCoordinator.job(8, "secret-job", JobStatus.FAILED, 1_000, 5_000, ERROR,
        new JobMetrics(3, 0, 2, 0), jdbcJob());
    for (ObjectNode json : List.of(JobJson.info(job, 6_000), JobJson.finished(job), JobJson.running(job, 6_000))) {
      String text = json.toString();
      SECRETS.forEach(s -> assertFalse(text.contains(s), s + " shown in " + text));
    }
    ObjectNode info = JobJson.info(job, 6_000);
    ObjectNode running = JobJson.running(job, 6_000); // an ended job's info has no envOptions, as SeaTunnel's
    assertEquals(Secrets.MASK, running.path("envOptions").path("db.Password").asText());
    assertEquals("secret-job", running.path("envOptions").path("job.name").asText(), "other env options stay");
    assertEquals(Secrets.MASK, info.path("jobDag").path("envOptions").path("db.Password").asText());
    assertTrue(info.path("errorMsg").asText().startsWith("login failed for reader with ******"), info.toString());
  }
}
