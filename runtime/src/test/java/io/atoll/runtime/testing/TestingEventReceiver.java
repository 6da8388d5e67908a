package io.atoll.runtime.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP endpoint on 127.0.0.1 for event POSTs: it answers 503 to its first {@code failFirst}
 * requests, then 200; records every event id (and how often it came), and counts requests that
 * lacked an expected header. It can be stopped and started again on the same port.
 */
public final class TestingEventReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  public final Map<String, Integer> received = new ConcurrentHashMap<>();
  /** Every event received, by type name, as "jobId" or "jobId/pipelineId". */
  public final Map<String, java.util.Set<String>> byType = new ConcurrentHashMap<>();
  public final AtomicInteger requests = new AtomicInteger();
  public final AtomicInteger refused = new AtomicInteger();
  public final AtomicInteger missingHeaders = new AtomicInteger();
  public final AtomicInteger duplicates = new AtomicInteger();
  /** The body of every accepted POST. */
  public final java.util.Queue<String> bodies = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicInteger failFirst;
  private final Map<String, String> expectedHeaders;
  private int port;
  private HttpServer server;

  public TestingEventReceiver(int failFirst, Map<String, String> expectedHeaders) throws IOException {
    this.failFirst = new AtomicInteger(failFirst);
    this.expectedHeaders = Map.copyOf(expectedHeaders);
    start();
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/events";
  }

  public void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    server.createContext("/events", this::handle);
    server.start();
    port = server.getAddress().getPort();
  }

  public void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    for (Map.Entry<String, String> h : expectedHeaders.entrySet()) {
      if (!h.getValue().equals(exchange.getRequestHeaders().getFirst(h.getKey()))) {
        missingHeaders.incrementAndGet();
      }
    }
    if (failFirst.getAndDecrement() > 0) {
      refused.incrementAndGet();
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
      return;
    }
    bodies.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    JsonNode events = JSON.readTree(body);
    for (JsonNode event : events) {
      byType.computeIfAbsent(event.get("eventType").asText(), k -> ConcurrentHashMap.newKeySet())
          .add(event.get("jobId").asText());
      if (received.merge(event.get("eventId").asText(), 1, Integer::sum) > 1) {
        duplicates.incrementAndGet();
      }
    }
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
