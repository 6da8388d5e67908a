package io.atoll.runtime.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * What this runtime was built from, as {@code GET /overview} reports it ({@code projectVersion},
 * {@code gitCommitAbbrev}).
 */
public record BuildInfo(String projectVersion, String gitCommitAbbrev) {
  public static final String UNKNOWN = "unknown";

  /** Written by Maven resource filtering (src/main/resources-filtered). */
  static final String RESOURCE = "/io/atoll/runtime/version.properties";

  private static final int ABBREV_LENGTH = 7;

  public BuildInfo {
    Objects.requireNonNull(projectVersion, "projectVersion");
    Objects.requireNonNull(gitCommitAbbrev, "gitCommitAbbrev");
  }

  /**
   * Reads {@value #RESOURCE} from the classpath. A missing file or key, or a value Maven did not
   * filter (still {@code ${...}}, e.g. a build without the buildnumber plugin), becomes
   * {@value #UNKNOWN}: the API must start even from an IDE build.
   */
  public static BuildInfo load() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the classpath", e);
    }
    return from(properties);
  }

  /** From the properties {@code version} and {@code git.commit}; a full hash is abbreviated. */
  static BuildInfo from(Properties properties) {
    String commit = value(properties, "git.commit");
    if (commit.length() > ABBREV_LENGTH && commit.chars().allMatch(BuildInfo::isHex)) {
      commit = commit.substring(0, ABBREV_LENGTH);
    }
    return new BuildInfo(value(properties, "version"), commit);
  }

  private static String value(Properties properties, String key) {
    String value = properties.getProperty(key, "").trim();
    return value.isEmpty() || value.startsWith("${") ? UNKNOWN : value;
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
