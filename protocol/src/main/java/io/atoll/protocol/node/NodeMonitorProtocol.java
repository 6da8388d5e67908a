package io.atoll.protocol.node;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.WireMessage;

/** Messages of the NodeMonitor that runs on every node. */
public sealed interface NodeMonitorProtocol extends WireMessage {

  /** This node's JVM and host figures, answered with {@link NodeInfo}. */
  record GetNodeInfo(ActorRef<NodeInfo> replyTo) implements NodeMonitorProtocol {}

  /** This node's resource tracker: live entries, leaks and double releases, answered with {@link ResourceReport}. */
  record GetResources(ActorRef<ResourceReport> replyTo) implements NodeMonitorProtocol {}

  /**
   * Switches this node's leak detection at runtime.
   *
   * @param level {@code off}, {@code simple} or {@code paranoid}; anything else is refused
   */
  record SetLeakDetectionLevel(String level, ActorRef<LeakDetectionReply> replyTo) implements NodeMonitorProtocol {}

  /** The files in this node's log directory, answered with {@link LogFileList}. */
  record ListLogFiles(ActorRef<LogFileList> replyTo) implements NodeMonitorProtocol {}

  /**
   * Up to {@code maxBytes} of one file of this node's log directory from {@code offset} on, answered
   * with {@link LogFileChunk}; a name that is not a plain file name of that directory is refused.
   */
  record ReadLogFile(String name, long offset, int maxBytes, ActorRef<LogFileChunk> replyTo)
      implements NodeMonitorProtocol {}
}
