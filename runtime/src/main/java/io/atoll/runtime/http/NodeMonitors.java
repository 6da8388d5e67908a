package io.atoll.runtime.http;

import akka.actor.typed.ActorRef;
import akka.actor.typed.receptionist.Receptionist;
import io.atoll.protocol.node.NodeInfo;
import io.atoll.protocol.node.NodeMonitorProtocol;
import io.atoll.runtime.node.NodeMonitor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Every node's NodeMonitor, found through the Receptionist and asked at once; a node that does not
 * answer in time comes back with its failure instead of failing the whole request.
 */
final class NodeMonitors {
  /** One node's answer: {@code info}, or the {@code failure} of asking it. */
  record Answer(String address, NodeInfo info, Throwable failure) {}

  private NodeMonitors() {}

  /** The answers of every node, ordered by address. */
  static CompletionStage<List<Answer>> askAll(Asks asks) {
    return asks.<Receptionist.Command, Receptionist.Listing>ask(
            asks.system().receptionist(), replyTo -> Receptionist.find(NodeMonitor.KEY, replyTo), "the receptionist")
        .thenCompose(listing -> {
          List<CompletableFuture<Answer>> answers = new ArrayList<>();
          for (ActorRef<NodeMonitorProtocol> monitor : listing.getServiceInstances(NodeMonitor.KEY)) {
            String address = monitor.path().address().toString();
            answers.add(asks.<NodeMonitorProtocol, NodeInfo>ask(monitor, NodeMonitorProtocol.GetNodeInfo::new, "the node")
                .handle((info, failure) -> new Answer(info == null ? address : info.address(), info, failure))
                .toCompletableFuture());
          }
          return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> answers.stream()
              .map(a -> a.getNow(null)) // all complete here
              .sorted(Comparator.comparing(Answer::address))
              .toList());
        });
  }
}
