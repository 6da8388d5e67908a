package io.atoll.runtime.http;

import static akka.http.javadsl.server.Directives.complete;
import static akka.http.javadsl.server.Directives.completeWithFuture;
import static akka.http.javadsl.server.Directives.concat;
import static akka.http.javadsl.server.Directives.extractUri;
import static akka.http.javadsl.server.Directives.get;
import static akka.http.javadsl.server.Directives.parameterOptional;
import static akka.http.javadsl.server.Directives.path;
import static akka.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static akka.http.javadsl.server.Directives.pathPrefix;

import akka.actor.typed.ActorRef;
import akka.actor.typed.DispatcherSelector;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.Uri;
import akka.http.javadsl.model.headers.RawHeader;
import akka.http.javadsl.server.PathMatchers;
import akka.http.javadsl.server.Route;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atoll.protocol.node.LogFileChunk;
import io.atoll.protocol.node.LogFileList;
import io.atoll.protocol.node.NodeMonitorProtocol;
import io.atoll.runtime.logging.LogFiles;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SeaTunnel REST API v2's log and thread endpoints. Every node's NodeMonitor answers for its own log
 * directory ({@code atoll.log-dir}, or where conf/logback.xml writes: the node's rolling file and the
 * per-job {@code job-<jobId>.log} files), so the cluster-wide lists ask them all at once; a file's
 * text is read from its node in pieces of {@link #CHUNK} bytes and streamed. Only names of files in a
 * log directory are served: a path, {@code ..} or a link leading out is a 400, before any file is
 * opened.
 *
 * <ul>
 *   <li>{@code GET /logs[?format=html|json]}: every node's log files, as links (html, the default) or
 *       {@code [{"node","logLink","logName"}]}
 *   <li>{@code GET /logs/<jobId>[?format=]}: the same, only that job's files ({@code job-<jobId>.log})
 *   <li>{@code GET /logs/<file>[?node=host:port]}: a file's text, from this node or the one named
 *   <li>{@code GET /log[?format=]}, {@code GET /log/<file>}: this node's files, one file's text
 *   <li>{@code GET /thread-dump}: this node's threads, {@code [{"threadName","threadId","threadState","stackTrace"}]}
 * </ul>
 */
final class LogRoutes {
  static final List<String> ENDPOINTS = List.of("GET /logs", "GET /logs/{jobId}", "GET /logs/{file}", "GET /log",
      "GET /log/{file}", "GET /thread-dump");
  /** Bytes of a file asked of its node at a time: well below Artery's 256 KiB frame. */
  static final int CHUNK = 64 * 1024;
  /** Lists the nodes that did not answer a cluster-wide list, which leaves their files out. */
  static final String UNREACHABLE_HEADER = "X-Atoll-Unreachable-Nodes";
  private static final Logger log = LoggerFactory.getLogger(LogRoutes.class);

  private final Asks asks;
  private final Executor blocking;

  LogRoutes(Asks asks) {
    this.asks = asks;
    this.blocking = asks.system().dispatchers().lookup(DispatcherSelector.blocking());
  }

  Route route() {
    // get inside each path: a POST to an unknown path must stay a 404, not become this route's 405
    return concat(
        pathPrefix("logs", () -> concat(
            pathEndOrSingleSlash(() -> get(() -> listing(true, Optional.empty()))),
            path(PathMatchers.segment(), param -> get(() -> param.contains(".log")
                ? parameterOptional("node", node -> completeWithFuture(content(node, param)))
                : jobListing(param))))),
        pathPrefix("log", () -> concat(
            pathEndOrSingleSlash(() -> get(() -> listing(false, Optional.empty()))),
            path(PathMatchers.remaining(), name -> get(() ->
                completeWithFuture(content(Optional.empty(), decode(name))))))),
        path("thread-dump", () -> get(() -> completeWithFuture(Json.respond(
            () -> CompletableFuture.supplyAsync(LogRoutes::threadDump, blocking))))));
  }

  private Route jobListing(String param) {
    long job;
    try {
      job = Long.parseLong(param);
    } catch (NumberFormatException e) {
      return complete(JsonErrors.error(StatusCodes.BAD_REQUEST,
          "'" + param + "' is neither a job id nor a log file name (*.log)"));
    }
    return listing(true, Optional.of(job));
  }

  private Route listing(boolean allNodes, Optional<Long> job) {
    return parameterOptional("format", format -> extractUri(uri -> {
      boolean json = json(format);
      return completeWithFuture(answer(() -> lists(allNodes).thenApply(replies -> {
        List<String[]> rows = new ArrayList<>(); // node, link, name
        List<String> unreachable = new ArrayList<>();
        for (NodeMonitors.Reply<LogFileList> reply : replies) {
          if (reply.failure() != null) {
            unreachable.add(hostPort(reply.address()));
            continue;
          }
          String node = hostPort(reply.answer().node());
          boolean here = reply.answer().node().equals(thisNode());
          for (LogFileList.File file : reply.answer().files()) {
            if (job.isEmpty() || file.name().startsWith("job-" + job.get() + ".")) {
              rows.add(new String[] {node, link(uri, allNodes, file.name(), here ? null : node), file.name()});
            }
          }
        }
        HttpResponse response = json ? Json.ok(jsonRows(rows)) : HttpResponse.create()
            .withEntity(ContentTypes.TEXT_HTML_UTF8, html(rows, allNodes));
        if (!unreachable.isEmpty()) {
          log.warn("log files of {} are left out: the node(s) did not answer within the ask timeout", unreachable);
          response = response.addHeader(RawHeader.create(UNREACHABLE_HEADER, String.join(",", unreachable)));
        }
        return response;
      })));
    }));
  }

  /** Every node's list, or only this node's. */
  private CompletionStage<List<NodeMonitors.Reply<LogFileList>>> lists(boolean allNodes) {
    return NodeMonitors.find(asks).thenCompose(monitors -> NodeMonitors.ask(asks,
        allNodes ? monitors : monitors.stream().filter(m -> m.path().address().hasLocalScope()).toList(),
        NodeMonitorProtocol.ListLogFiles::new, LogFileList::node))
        .thenApply(replies -> allNodes ? replies
            : replies.stream().filter(r -> r.failure() != null || r.answer().node().equals(thisNode())).toList());
  }

  private String thisNode() {
    return asks.system().address().toString();
  }

  /** A file's text from this node or the one {@code node} names: the first piece decides between 200 and an error. */
  private CompletionStage<HttpResponse> content(Optional<String> node, String name) {
    return answer(() -> {
      LogFiles.refusal(name).ifPresent(reason -> {
        throw ApiException.badRequest(reason);
      });
      return monitor(node).thenCompose(monitor -> read(monitor, name, 0).thenApply(first -> {
        if (first instanceof LogFileChunk.Refused refused) {
          // a missing file is a 400 too, as SeaTunnel answers it
          throw ApiException.badRequest(refused.reason() + " (node " + hostPort(refused.node()) + ")");
        }
        LogFileChunk.Text text = (LogFileChunk.Text) first;
        Source<ByteString, ?> rest = Source.unfoldAsync(text, previous -> previous.end()
            ? CompletableFuture.completedFuture(Optional.empty())
            : read(monitor, name, previous.nextOffset()).thenApply(next -> {
              if (next instanceof LogFileChunk.Text more) {
                return Optional.of(akka.japi.Pair.create(more, ByteString.fromString(more.text())));
              }
              // rolled away or unreadable after the first piece: the 200 is sent, so the stream fails
              throw new IllegalStateException(((LogFileChunk.Refused) next).reason());
            }));
        return HttpResponse.create().withEntity(HttpEntities.createChunked(ContentTypes.TEXT_PLAIN_UTF8,
            Source.single(ByteString.fromString(text.text())).concat(rest)));
      }));
    });
  }

  private CompletionStage<LogFileChunk> read(ActorRef<NodeMonitorProtocol> monitor, String name, long offset) {
    return asks.ask(monitor, replyTo -> new NodeMonitorProtocol.ReadLogFile(name, offset, CHUNK, replyTo), "the node");
  }

  /**
   * This node's monitor, or the one of the node {@code given} names, by the address each answers
   * with (404 naming the nodes when none is that one; 503 when that one does not answer).
   */
  private CompletionStage<ActorRef<NodeMonitorProtocol>> monitor(Optional<String> given) {
    String wanted = given.orElse(thisNode());
    return NodeMonitors.askAll(asks, NodeMonitorProtocol.ListLogFiles::new, LogFileList::node).thenApply(replies -> {
      for (NodeMonitors.Reply<LogFileList> r : replies) {
        if (r.failure() == null && NodeMonitors.names(wanted, r.address())) {
          return r.monitor();
        }
      }
      for (NodeMonitors.Reply<LogFileList> r : replies) {
        if (NodeMonitors.names(wanted, r.address())) {
          throw ApiException.serviceUnavailable("node " + hostPort(r.address()) + " did not answer: "
              + JsonErrors.unwrap(r.failure()).getMessage());
        }
      }
      throw ApiException.notFound("no node at '" + wanted + "'; the nodes are: "
          + replies.stream().map(r -> hostPort(r.address())).collect(Collectors.joining(", ")));
    });
  }

  private static CompletionStage<HttpResponse> answer(java.util.function.Supplier<CompletionStage<HttpResponse>> handler) {
    CompletionStage<HttpResponse> response;
    try {
      response = handler.get();
    } catch (RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    }
    return response.exceptionally(JsonErrors::forFailure);
  }

  private static boolean json(Optional<String> format) {
    String f = format.orElse("html").trim().toLowerCase(Locale.ROOT);
    return switch (f) {
      case "json" -> true;
      case "html" -> false;
      default -> throw ApiException.badRequest("format=" + format.get() + " is not supported: use json or html (the default)");
    };
  }

  /** {@code host:port} of a cluster address, as SeaTunnel names a node. */
  static String hostPort(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? address : address.substring(at + 1);
  }

  private static String link(Uri uri, boolean allNodes, String name, String otherNode) {
    String base = uri.scheme() + "://" + uri.host().address() + (uri.port() > 0 ? ":" + uri.port() : "");
    String path = (allNodes ? "/logs/" : "/log/") + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return base + path + (otherNode == null ? "" : "?node=" + otherNode);
  }

  private static ArrayNode jsonRows(List<String[]> rows) {
    ArrayNode array = Json.array();
    for (String[] row : rows) {
      ObjectNode o = array.addObject();
      o.put("node", row[0]);
      o.put("logLink", row[1]);
      o.put("logName", row[2]);
    }
    return array;
  }

  private static String html(List<String[]> rows, boolean allNodes) {
    StringBuilder html = new StringBuilder("<html><head><title>Atoll log</title></head>\n<body>\n <h2>Atoll log</h2>\n <ul>\n");
    for (String[] row : rows) {
      html.append("<li><a href=\"").append(escape(row[1])).append("\">")
          .append(escape(allNodes ? row[0] + "-" + row[2] : row[2])).append("</a></li>\n");
    }
    return html.append(" </ul>\n</body></html>").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** The rest of a path, decoded: {@code %2F} in a name is a separator too, and refused as one. */
  private static String decode(String encoded) {
    return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** This JVM's threads as SeaTunnel's thread dump shows them, by thread id. */
  static JsonNode threadDump() {
    ArrayNode array = Json.array();
    Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
    stacks.entrySet().stream().sorted(Comparator.comparingLong(e -> e.getKey().getId())).forEach(e -> {
      ObjectNode thread = array.addObject();
      thread.put("threadName", e.getKey().getName());
      thread.put("threadId", e.getKey().getId());
      thread.put("threadState", e.getKey().getState().name());
      thread.put("stackTrace", Arrays.stream(e.getValue()).map(StackTraceElement::toString)
          .collect(Collectors.joining("\n")));
    });
    return array;
  }
}
