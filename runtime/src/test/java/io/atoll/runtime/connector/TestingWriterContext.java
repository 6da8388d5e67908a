package io.atoll.runtime.connector;

import io.atoll.protocol.connector.JobContext;
import io.atoll.protocol.connector.WriterContext;

/** Where a sink writer runs in a test. */
public record TestingWriterContext(JobContext job, int subtaskIndex, int parallelism) implements WriterContext {}
