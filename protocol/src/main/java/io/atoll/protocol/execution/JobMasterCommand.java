package io.atoll.protocol.execution;

/**
 * Everything a JobMaster handles: its public {@link JobMasterProtocol} (which crosses the wire)
 * and the messages it sends itself (timer ticks, adapted replies), which stay private to the
 * runtime's JobMaster. Not sealed, because those private messages live in another module; the
 * actor is still typed by this one interface, never by {@code Object}.
 */
public interface JobMasterCommand {}
