package io.atoll.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Event forwarding and reporting: {@code atoll.events.*} (every node's EventForwarder) and
 * {@code atoll.event-report-http.*} (the master's EventProcessor).
 *
 * @param reportUrl where events are posted; empty: events are acknowledged and not stored
 * @param bufferSize events a node holds before reliable delivery takes them; more are shed (counted)
 * @param deliveryBatch at most this many events travel in one reliable-delivery message
 * @param spillMaxBytes bytes of events a node writes to its spill file when the buffer is full;
 *     0: no spill, a full buffer sheds
 * @param maxStored events the processor keeps while the endpoint is down; at the bound it stops
 *     acknowledging, so the nodes' buffers fill (and shed, counted) instead of the journal growing
 */
public record EventSettings(
    Optional<URI> reportUrl,
    Map<String, String> headers,
    int batchSize,
    Duration batchInterval,
    Duration requestTimeout,
    Duration minBackoff,
    Duration maxBackoff,
    int maxStored,
    int snapshotEvery,
    int bufferSize,
    int deliveryBatch,
    long spillMaxBytes) {

  /** Snapshots hold every stored event and must fit one Kryo buffer (16 MiB). */
  static final int MAX_STORED_LIMIT = 50_000;

  public EventSettings {
    headers = Map.copyOf(headers);
    Configs.positive(batchInterval, "event-report-http.batch-interval");
    Configs.positive(requestTimeout, "event-report-http.request-timeout");
    Configs.positive(minBackoff, "event-report-http.min-backoff");
    Configs.positive(maxBackoff, "event-report-http.max-backoff");
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw new SettingsException("atoll.event-report-http.max-backoff (" + maxBackoff
          + ") must not be less than min-backoff (" + minBackoff + ")");
    }
    positive(batchSize, "event-report-http.batch-size");
    positive(maxStored, "event-report-http.max-stored");
    positive(snapshotEvery, "event-report-http.snapshot-every");
    positive(bufferSize, "events.buffer-size");
    positive(deliveryBatch, "events.delivery-batch");
    if (spillMaxBytes < 0) {
      throw new SettingsException("atoll.events.spill-max-bytes must be 0 (no spill) or positive, got " + spillMaxBytes);
    }
    if (maxStored > MAX_STORED_LIMIT) {
      throw new SettingsException("atoll.event-report-http.max-stored must be at most " + MAX_STORED_LIMIT
          + " (a snapshot holds every stored event), got " + maxStored);
    }
  }

  private static void positive(int value, String path) {
    if (value < 1) {
      throw new SettingsException("atoll." + path + " must be positive, got " + value);
    }
  }

  public static EventSettings fromConfig(Config atoll) {
    String url = Configs.string(atoll, "event-report-http.url").trim();
    Optional<URI> uri = Optional.empty();
    if (!url.isEmpty()) {
      try {
        URI parsed = new URI(url);
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
          throw new SettingsException("atoll.event-report-http.url must be an http:// or https:// URL, got '" + url + "'");
        }
        uri = Optional.of(parsed);
      } catch (URISyntaxException e) {
        throw new SettingsException("atoll.event-report-http.url is not a URL: " + e.getMessage(), e);
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, ConfigValue> h : atoll.getConfig("event-report-http.headers").root().entrySet()) {
        headers.put(h.getKey(), String.valueOf(h.getValue().unwrapped()));
      }
    } catch (ConfigException e) {
      throw new SettingsException("atoll.event-report-http.headers: " + e.getMessage(), e);
    }
    return new EventSettings(
        uri,
        headers,
        Configs.integer(atoll, "event-report-http.batch-size"),
        Configs.duration(atoll, "event-report-http.batch-interval"),
        Configs.duration(atoll, "event-report-http.request-timeout"),
        Configs.duration(atoll, "event-report-http.min-backoff"),
        Configs.duration(atoll, "event-report-http.max-backoff"),
        Configs.integer(atoll, "event-report-http.max-stored"),
        Configs.integer(atoll, "event-report-http.snapshot-every"),
        Configs.integer(atoll, "events.buffer-size"),
        Configs.integer(atoll, "events.delivery-batch"),
        Configs.bytes(atoll, "events.spill-max-bytes"));
  }
}
