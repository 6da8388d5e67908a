package io.atoll.protocol.node;

import io.atoll.protocol.WireMessage;

/** A NodeMonitor's answer to {@link NodeMonitorProtocol.SetLeakDetectionLevel}. */
public sealed interface LeakDetectionReply extends WireMessage {
  /** The node's address. */
  String node();

  /** The level was applied; {@code level} holds from the node's next acquisition on. */
  record LevelSet(String node, String previous, String level) implements LeakDetectionReply {}

  /** The level was not one the node knows; nothing changed. */
  record LevelRefused(String node, String reason) implements LeakDetectionReply {}
}
