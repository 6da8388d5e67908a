package io.atoll.protocol.resource;

/**
 * What the ResourceManager's mailbox takes: its public {@link ResourceManagerProtocol} plus the
 * private messages (worker silence timers, adapted replies) it keeps to itself. Not sealed, because
 * those private messages live in the runtime module beside the actor; only
 * {@link ResourceManagerProtocol} crosses the wire.
 */
public interface ResourceManagerCommand {}
