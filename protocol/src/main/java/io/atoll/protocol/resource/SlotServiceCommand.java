package io.atoll.protocol.resource;

/**
 * Everything a worker's SlotService receives: its wire protocol ({@link SlotServiceProtocol}) and
 * the messages local to its node (its heartbeat tick, the TaskExecutor's refusal count), which the
 * runtime declares in a sealed interface of its own. The actor is typed by this marker, so the ref
 * in its heartbeats is its own and narrows to {@link SlotServiceProtocol}.
 */
public interface SlotServiceCommand {}
