package io.atoll.protocol.connector;

/** The three kinds of plugin a job file names, with the job file block they appear in. */
public enum PluginKind implements io.atoll.protocol.WireMessage {
  SOURCE("source"),
  TRANSFORM("transform"),
  SINK("sink");

  private final String block;

  PluginKind(String block) {
    this.block = block;
  }

  /** The job file's block name: {@code source}, {@code transform} or {@code sink}. */
  public String block() {
    return block;
  }
}
