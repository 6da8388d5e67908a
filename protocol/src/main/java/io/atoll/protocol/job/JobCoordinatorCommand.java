package io.atoll.protocol.job;

/**
 * What the JobCoordinator's mailbox takes: its public {@link JobCoordinatorProtocol} plus the
 * private messages (timer ticks, adapted replies) it keeps to itself. Not sealed, because those
 * private messages live in the runtime module beside the actor; nothing outside the coordinator
 * implements it, and only {@link JobCoordinatorProtocol} crosses the wire.
 */
public interface JobCoordinatorCommand {}
