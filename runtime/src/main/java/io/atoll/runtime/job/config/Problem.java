package io.atoll.runtime.job.config;

/**
 * One thing wrong with a job file, located precisely enough to fix it without searching.
 *
 * @param origin the file path (or {@code rest}, {@code api}) the job came from
 * @param line the line in that file; 0 when the problem belongs to no line (e.g. "no sink")
 * @param where what is wrong, e.g. {@code source[0] FakeSource option 'row.num'} or
 *     {@code env option 'job.mode'}
 * @param message what is wrong with it and, where it helps, what to write instead
 */
public record Problem(String origin, int line, String where, String message) {
  @Override
  public String toString() {
    return origin + ":" + line + ": " + where + ": " + message;
  }
}
