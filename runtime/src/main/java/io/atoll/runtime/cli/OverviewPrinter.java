package io.atoll.runtime.cli;

import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.config.NodeSettings;
import io.atoll.runtime.node.NodeGuardian;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code --overview-and-exit}: fetches the node's own {@code /overview} over HTTP, as a user would,
 * once the node's worker (if it has one) has registered its slots.
 */
final class OverviewPrinter {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private OverviewPrinter() {}

  static int printOnce(NodeGuardian.Node node, NodeSettings settings, PrintWriter out, PrintWriter err) {
    if (node.httpAddress().isEmpty()) {
      err.println("atoll: --overview-and-exit needs the REST API: run a master or hybrid node with atoll.http.enabled = on");
      return 1;
    }
    InetSocketAddress address = node.httpAddress().get();
    HttpSettings http = settings.http();
    URI uri = URI.create(http.scheme() + "://" + address.getHostString() + ":" + address.getPort()
        + http.contextPath() + "/overview");
    // the node's own credentials; over HTTPS its certificate must be trusted by this JVM's trust store
    ClusterCredentials credentials = !http.authToken().isEmpty()
        ? ClusterCredentials.bearer(Optional.of(http.authToken()))
        : http.basicAuth().enabled() ? ClusterCredentials.basic(http.basicAuth().username(), http.basicAuth().password())
        : ClusterCredentials.NONE;
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + WAIT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
        credentials.authorization().ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        last = response.statusCode() + " " + response.body();
        boolean registered = !settings.role().isWorker() || !response.body().contains("\"works\":\"0\"");
        if (response.statusCode() == 200 && registered) {
          out.println(response.body());
          out.flush();
          return 0;
        }
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    err.println("atoll: " + uri + " did not show this node's worker within " + WAIT.toSeconds() + " s; last answer: " + last);
    return 1;
  }
}
