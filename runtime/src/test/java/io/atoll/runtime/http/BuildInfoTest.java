package io.atoll.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

  private static Properties properties(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void readsVersionAndAbbreviatesAFullCommitHash() {
    BuildInfo info =
        BuildInfo.from(properties("version", "2.0.1", "git.commit", "0123456789abcdef0123456789abcdef01234567"));
    assertEquals(new BuildInfo("2.0.1", "0123456"), info);
  }

  @Test
  void keepsAShortOrNonHashCommitAsGiven() {
    assertEquals("abc1234", BuildInfo.from(properties("git.commit", "abc1234")).gitCommitAbbrev());
    assertEquals("local-build", BuildInfo.from(properties("git.commit", "local-build")).gitCommitAbbrev());
  }

  @Test
  void missingOrUnfilteredValuesAreUnknown() {
    assertEquals(new BuildInfo("unknown", "unknown"), BuildInfo.from(new Properties()));
    assertEquals(
        new BuildInfo("unknown", "unknown"),
        BuildInfo.from(properties("version", "${project.version}", "git.commit", "${buildNumber}")));
  }

  @Test
  void loadsTheVersionMavenFilteredIntoTheClasspath() {
    BuildInfo info = BuildInfo.load();
    assertNotEquals(BuildInfo.UNKNOWN, info.projectVersion());
    assertFalse(info.projectVersion().contains("${"), info.projectVersion());
    assertFalse(info.gitCommitAbbrev().contains("${"), info.gitCommitAbbrev());
  }
}
