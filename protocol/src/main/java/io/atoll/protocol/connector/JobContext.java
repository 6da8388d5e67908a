package io.atoll.protocol.connector;

/** The job a plugin instance works for, and which attempt of its pipeline this is. */
public record JobContext(long jobId, String jobName, boolean streaming, int pipelineId, int attempt) {}
