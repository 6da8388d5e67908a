package io.atoll.runtime.http;

import akka.actor.typed.ActorRef;
import akka.actor.typed.receptionist.Receptionist;
import akka.japi.function.Function;
import io.atoll.protocol.node.NodeInfo;
import io.atoll.protocol.node.NodeMonitorProtocol;
import io.atoll.runtime.node.NodeMonitor;
import java.util.ArrayList;
import java.util.Collection;
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

  /**
   * One node's answer to any question: {@code answer}, or the {@code failure} of asking it.
   *
   * @param address the node's own word for its address when it answered, else its monitor's
   */
  record Reply<R>(String address, ActorRef<NodeMonitorProtocol> monitor, R answer, Throwable failure) {}

  private NodeMonitors() {}

  /** The answers of every node, ordered by address. */
  static CompletionStage<List<Answer>> askAll(Asks asks) {
    return askAll(asks, NodeMonitorProtocol.GetNodeInfo::new, NodeInfo::address).thenApply(replies -> replies.stream()
        .map(r -> new Answer(r.address(), r.answer(), r.failure()))
        .toList());
  }

  /** Every node's answer to {@code message}, ordered by address. */
  static <R> CompletionStage<List<Reply<R>>> askAll(Asks asks, Function<ActorRef<R>, NodeMonitorProtocol> message,
      java.util.function.Function<R, String> addressOf) {
    return find(asks).thenCompose(monitors -> ask(asks, monitors, message, addressOf));
  }

  /** The monitors registered now. */
  static CompletionStage<List<ActorRef<NodeMonitorProtocol>>> find(Asks asks) {
    return asks.<Receptionist.Command, Receptionist.Listing>ask(
            asks.system().receptionist(), replyTo -> Receptionist.find(NodeMonitor.KEY, replyTo), "the receptionist")
        .thenApply(listing -> List.copyOf(listing.getServiceInstances(NodeMonitor.KEY)));
  }

  /** The answers of {@code monitors} to {@code message}, ordered by address. */
  static <R> CompletionStage<List<Reply<R>>> ask(Asks asks, Collection<ActorRef<NodeMonitorProtocol>> monitors,
      Function<ActorRef<R>, NodeMonitorProtocol> message, java.util.function.Function<R, String> addressOf) {
    List<CompletableFuture<Reply<R>>> answers = new ArrayList<>();
    for (ActorRef<NodeMonitorProtocol> monitor : monitors) {
      String address = address(asks, monitor);
      answers.add(asks.<NodeMonitorProtocol, R>ask(monitor, message, "the node")
          .handle((answer, failure) -> new Reply<>(answer == null ? address : addressOf.apply(answer), monitor,
              answer, failure))
          .toCompletableFuture());
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> answers.stream()
        .map(a -> a.getNow(null)) // all complete here
        .sorted(Comparator.comparing(Reply<R>::address))
        .toList());
  }

  /** A monitor's node address; one on this node has a local path, so this node's address stands in. */
  private static String address(Asks asks, ActorRef<NodeMonitorProtocol> monitor) {
    akka.actor.Address address = monitor.path().address();
    return address.hasLocalScope() ? asks.system().address().toString() : address.toString();
  }

  /** Whether {@code given} names the node at {@code address}: the full address, or its {@code host:port}. */
  static boolean names(String given, String address) {
    String g = given.trim();
    return address.equals(g) || address.endsWith("@" + g);
  }
}
