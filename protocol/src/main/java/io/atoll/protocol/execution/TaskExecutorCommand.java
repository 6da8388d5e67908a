package io.atoll.protocol.execution;

/**
 * Everything a worker's TaskExecutor receives: its wire protocol ({@link TaskExecutorProtocol}) and
 * the messages local to its node (slot grants from the SlotService, its own child notices), which the
 * runtime declares in a sealed interface of its own. The actor is typed by this marker, so the ref
 * it hands out is its own (with its uid) and narrows to {@link TaskExecutorProtocol}.
 */
public interface TaskExecutorCommand {}
