package io.atoll.runtime.connector.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * One prepared file as a LocalFile writer's checkpoint state lists it: the file
 * {@code stagingRoot/subtaskDir/temp}, to be renamed to {@code directory/target} once checkpoint
 * {@code checkpointId} completes. The two directories travel base64-encoded (a path may hold any
 * character); the target is last, whole.
 */
record PreparedEntry(Path stagingRoot, Path directory, String subtaskDir, long checkpointId, String temp, String target) {
  static final String MARK = "localfile2\t";

  PreparedEntry {
    stagingRoot = stagingRoot.toAbsolutePath().normalize();
    directory = directory.toAbsolutePath().normalize();
  }

  String encode() {
    return MARK + encode(stagingRoot) + "\t" + encode(directory) + "\t" + subtaskDir + "\t" + checkpointId + "\t"
        + temp + "\t" + target;
  }

  static PreparedEntry decode(String state) {
    String[] parts = state.startsWith(MARK) ? state.substring(MARK.length()).split("\t", 6) : new String[0];
    if (parts.length != 6) {
      throw new IllegalStateException("LocalFile sink: unreadable checkpoint state '" + state + "'");
    }
    return new PreparedEntry(decodePath(parts[0]), decodePath(parts[1]), parts[2], Long.parseLong(parts[3]),
        parts[4], parts[5]);
  }

  /** This sink's entries among a pipeline's states; other sinks' come back empty. */
  static Optional<PreparedEntry> of(String state) {
    return state.startsWith(MARK) ? Optional.of(decode(state)) : Optional.empty();
  }

  /**
   * Whether {@code state} is an entry written before entries named their directories
   * ({@code <checkpoint>\t<temp>\t<target>}): it cannot be told which sink or subtask it belongs to.
   */
  static boolean isOlderEntry(String state) {
    String[] parts = state.split("\t", 3);
    return parts.length == 3 && parts[0].matches("\\d+") && LocalFileWriter.TEMP_NAME.matcher(parts[1]).matches();
  }

  Path tempFile() {
    return stagingRoot.resolve(subtaskDir).resolve(temp);
  }

  Path targetFile() {
    return directory.resolve(target);
  }

  private static String encode(Path path) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(path.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static Path decodePath(String text) {
    return Path.of(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
  }
}
