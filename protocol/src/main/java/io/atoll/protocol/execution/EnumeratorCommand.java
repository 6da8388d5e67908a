package io.atoll.protocol.execution;

/**
 * Everything an enumerator task group receives: what its readers send ({@link SplitProtocol}) and the
 * commands of its worker's TaskExecutor, which the runtime declares in a sealed interface of its own.
 * The actor is typed by this marker, so its own ref narrows to {@link SplitProtocol} for readers.
 */
public interface EnumeratorCommand {}
