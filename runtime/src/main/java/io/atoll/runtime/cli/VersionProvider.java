package io.atoll.runtime.cli;

import io.atoll.runtime.http.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project version and the git commit it was built from. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    BuildInfo info = BuildInfo.load();
    return new String[] {
      "Atoll " + info.projectVersion() + " (" + info.gitCommitAbbrev() + ")",
      "Java " + System.getProperty("java.version") + ", Akka 2.6.21"
    };
  }
}
