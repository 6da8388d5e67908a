package io.atoll.protocol.execution;

/**
 * Everything a reader task group receives: what its enumerator sends ({@link ReaderProtocol}) and the
 * commands of its worker's TaskExecutor and its own ticks, which the runtime declares in sealed
 * interfaces of its own. The actor is typed by this marker, so its own ref narrows to
 * {@link ReaderProtocol} for the enumerator.
 */
public interface ReaderCommand {}
