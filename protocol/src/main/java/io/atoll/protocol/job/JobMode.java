package io.atoll.protocol.job;

/** {@code env.job.mode}: BATCH jobs end when their sources do; STREAMING jobs run until stopped. */
public enum JobMode implements io.atoll.protocol.WireMessage {
  BATCH,
  STREAMING
}
