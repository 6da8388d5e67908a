package io.atoll.runtime.connector.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.transaction.xa.Xid;

/**
 * The XA id of one branch of the exactly-once Jdbc sink: one per writer and checkpoint interval.
 * Its global id is readable text,
 * {@code atoll:<job>:<pipeline>:<writer>:<subtask>:<attempt>:<checkpoint>} (the writer's index in
 * its task, since a task may run several Jdbc writers: several sinks, or one per table; the
 * checkpoint after which the branch began, 0 for the first), so a restored writer recognises its
 * own prepared branches among the database's ({@link #ownedBy}), the master settles a failed
 * pipeline's ({@link #ofPipeline}), and an operator can read {@code pg_prepared_xacts}.
 */
record JdbcSinkXid(String globalId) implements Xid {
  /** "ATOL": marks Atoll's branches among other applications' prepared transactions. */
  static final int FORMAT = 0x41544f4c;
  private static final byte[] BRANCH = "atoll".getBytes(StandardCharsets.US_ASCII);

  static JdbcSinkXid of(long jobId, int pipeline, int writer, int subtask, int attempt, long afterCheckpoint) {
    return new JdbcSinkXid(writerPrefix(jobId, pipeline, writer, subtask) + attempt + ":" + afterCheckpoint);
  }

  private static String pipelinePrefix(long jobId, int pipeline) {
    return "atoll:" + jobId + ":" + pipeline + ":";
  }

  private static String writerPrefix(long jobId, int pipeline, int writer, int subtask) {
    return pipelinePrefix(jobId, pipeline) + writer + ":" + subtask + ":";
  }

  /** The id a {@link #globalId} string names (as kept in checkpoint state). */
  static JdbcSinkXid parse(String state) {
    if (!state.startsWith("atoll:")) {
      throw new IllegalArgumentException("Jdbc sink: '" + state + "' in the restored state is no XA branch id");
    }
    return new JdbcSinkXid(state);
  }

  /** The Atoll id of an XA id found by recover, or null when it is not one of Atoll's. */
  static JdbcSinkXid from(Xid xid) {
    if (xid.getFormatId() != FORMAT || !Arrays.equals(xid.getBranchQualifier(), BRANCH)) {
      return null;
    }
    String global = new String(xid.getGlobalTransactionId(), StandardCharsets.US_ASCII);
    return global.startsWith("atoll:") ? new JdbcSinkXid(global) : null;
  }

  /** True for the branches of one writer of a job's subtask (any attempt, any checkpoint). */
  boolean ownedBy(long jobId, int pipeline, int writer, int subtask) {
    return globalId.startsWith(writerPrefix(jobId, pipeline, writer, subtask));
  }

  /** True for the branches of any writer of a job's pipeline. */
  boolean ofPipeline(long jobId, int pipeline) {
    return globalId.startsWith(pipelinePrefix(jobId, pipeline));
  }

  @Override
  public int getFormatId() {
    return FORMAT;
  }

  @Override
  public byte[] getGlobalTransactionId() {
    return globalId.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public byte[] getBranchQualifier() {
    return BRANCH.clone();
  }

  @Override
  public String toString() {
    return globalId;
  }
}
