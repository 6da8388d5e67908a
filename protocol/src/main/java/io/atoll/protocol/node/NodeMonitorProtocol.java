package io.atoll.protocol.node;

import akka.actor.typed.ActorRef;
import io.atoll.protocol.WireMessage;

/** Messages of the NodeMonitor that runs on every node. */
public sealed interface NodeMonitorProtocol extends WireMessage {

  /** This node's JVM and host figures, answered with {@link NodeInfo}. */
  record GetNodeInfo(ActorRef<NodeInfo> replyTo) implements NodeMonitorProtocol {}
}
