package io.atoll.protocol.execution;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.WireMessage;

/** What readers send to their pipeline's enumerator task group (possibly on another node). */
public sealed interface SplitProtocol extends WireMessage, EnumeratorCommand {
  record RegisterReader(int subtask, ActorRef<ReaderProtocol> reader) implements SplitProtocol {}

  record RequestSplit(int subtask) implements SplitProtocol {}

  /** The reader committed its final checkpoint and finished; it will read no more. */
  record ReaderDone(int subtask) implements SplitProtocol {}
}
