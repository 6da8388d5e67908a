package io.atoll.protocol.connector;

/** Where rows end up. One writer runs per reader (per subtask). */
public interface Sink {
  SinkWriter createWriter(WriterContext context) throws Exception;
}
