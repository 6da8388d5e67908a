package io.atoll.runtime.http;

import static io.atoll.runtime.http.HttpTesting.failMessage;
import static io.atoll.runtime.http.HttpTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import akka.actor.typed.ActorRef;
import akka.http.javadsl.ServerBinding;
import io.atoll.protocol.job.JobCoordinatorProtocol;
import io.atoll.protocol.resource.ResourceManagerProtocol;
import io.atoll.runtime.config.BasicAuthSettings;
import io.atoll.runtime.config.HttpSettings;
import io.atoll.runtime.config.SettingsException;
import io.atoll.runtime.config.TlsSettings;
import io.atoll.runtime.master.monitor.JobCountsSource;
import io.atoll.runtime.testing.TestCertificates;
import io.atoll.runtime.tls.Pem;
import io.atoll.runtime.tls.SslContexts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API over HTTPS (key store and PEM), with basic authentication, with basic and bearer
 * together, under a context path; and what keeps it from starting.
 */
class HttpSecurityTest {
  private static final ActorTestKit testKit = ActorTestKit.create("HttpSecurityTest", HttpTesting.CONFIG);
  private static final String USER = "ops";
  private static final String PASSWORD = "pa55-w0rd";
  private static final String TOKEN = "t0ken-x";

  @TempDir static Path dir;
  private static TestCertificates.Server cert;
  private static HttpClient trusting;
  private static ActorRef<ResourceManagerProtocol> rm;
  private static ActorRef<JobCoordinatorProtocol> coordinator;
  /** HTTPS from a PKCS12 key store, basic auth, under /seatunnel. */
  private static ServerBinding storeBasicPrefixed;
  /** HTTPS from PEM files, bearer token and basic auth. */
  private static ServerBinding pemBoth;
  /** HTTPS wanting client certificates signed by (here: being) the client's, bearer token. */
  private static ServerBinding mutual;
  private static TestCertificates.Server client;

  @BeforeAll
  static void start() throws Exception {
    cert = TestCertificates.create(dir, "server", "RSA");
    trusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .sslContext(SslContexts.trusting(cert.certificate())).build();
    rm = testKit.spawn(TestingResourceManager.answering(TestingResourceManager.TWO_WORKERS));
    coordinator = testKit.spawn(TestingJobCoordinator.create(new TestingJobCoordinator.Jobs()));
    HttpSettings base = HttpTesting.settings(Duration.ofSeconds(3));
    storeBasicPrefixed = HttpTesting.bind(testKit.system(),
        base.withTls(TlsSettings.keyStore(cert.keyStore(), TestCertificates.PASSWORD))
            .withBasicAuth(new BasicAuthSettings(USER, PASSWORD)).withContextPath("/seatunnel"),
        rm, coordinator, JobCountsSource.none());
    pemBoth = HttpTesting.bind(testKit.system(),
        base.withTls(TlsSettings.pem(cert.certificate(), cert.privateKey())).withAuthToken(TOKEN)
            .withBasicAuth(new BasicAuthSettings(USER, PASSWORD)),
        rm, coordinator, JobCountsSource.none());
    client = TestCertificates.create(dir, "client", "EC");
    mutual = HttpTesting.bind(testKit.system(),
        base.withTls(TlsSettings.keyStore(cert.keyStore(), TestCertificates.PASSWORD).withClientCa(client.certificate()))
            .withAuthToken(TOKEN),
        rm, coordinator, JobCountsSource.none());
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static URI https(ServerBinding api, String path) {
    return URI.create("https://127.0.0.1:" + api.localAddress().getPort() + path);
  }

  private static HttpResponse<String> get(HttpClient client, URI uri, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void httpsFromAKeyStoreServesTheApiUnderItsContextPathWithBasicAuth() throws Exception {
    HttpResponse<String> ok = get(trusting, https(storeBasicPrefixed, "/seatunnel/overview"), basic(USER, PASSWORD));
    assertEquals("2", json(ok, 200).get("works").textValue());
    assertEquals("https", ok.uri().getScheme());
  }

  @Test
  void outsideTheContextPathIsA404NamingThePrefixedEndpoints() throws Exception {
    String message = failMessage(get(trusting, https(storeBasicPrefixed, "/overview"), basic(USER, PASSWORD)), 404);
    assertTrue(message.startsWith("no endpoint at /overview"), message);
    assertTrue(message.contains("GET /seatunnel/overview"), message);
    assertFalse(message.contains(" GET /overview"), message);
    failMessage(get(trusting, https(storeBasicPrefixed, "/seatunnelx/overview"), basic(USER, PASSWORD)), 404);
  }

  @Test
  void basicAuthMissingOrWrongIs401WithAChallengeAndThePasswordIsNeverEchoed() throws Exception {
    URI overview = https(storeBasicPrefixed, "/seatunnel/overview");
    HttpResponse<String> missing = get(trusting, overview, null);
    assertTrue(failMessage(missing, 401).contains("Authorization: Basic"), missing.body());
    assertEquals("Basic realm=\"atoll\",charset=UTF-8",
        missing.headers().firstValue("WWW-Authenticate").orElse("(none)"));
    for (String wrong : new String[] {basic(USER, PASSWORD + "x"), basic("root", PASSWORD), basic(USER, ""),
        "Basic !!notbase64", "Basic " + Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8))}) {
      HttpResponse<String> refused = get(trusting, overview, wrong);
      failMessage(refused, 401);
      assertFalse(refused.body().contains(PASSWORD), refused.body());
    }
    HttpResponse<String> bearer = get(trusting, overview, "Bearer " + PASSWORD);
    assertTrue(failMessage(bearer, 401).contains("must use the Basic scheme"), bearer.body());
  }

  @Test
  void withATokenAndBasicAuthEitherCredentialPasses() throws Exception {
    URI running = https(pemBoth, "/running-jobs");
    assertEquals(200, get(trusting, running, "Bearer " + TOKEN).statusCode());
    assertEquals(200, get(trusting, running, basic(USER, PASSWORD)).statusCode());
    HttpResponse<String> missing = get(trusting, running, null);
    String message = failMessage(missing, 401);
    assertTrue(message.contains("Authorization: Bearer") && message.contains("Authorization: Basic"), message);
    String challenges = String.join(",", missing.headers().allValues("WWW-Authenticate"));
    assertTrue(challenges.contains("Bearer realm=\"atoll\"") && challenges.contains("Basic realm=\"atoll\""),
        challenges);
    failMessage(get(trusting, running, "Bearer " + PASSWORD), 401);
    failMessage(get(trusting, running, basic(USER, TOKEN)), 401);
  }

  @Test
  void plainHttpToTheTlsPortGetsNoAnswer() {
    HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    URI uri = URI.create("http://127.0.0.1:" + pemBoth.localAddress().getPort() + "/running-jobs");
    assertThrows(IOException.class, () -> get(plain, uri, "Bearer " + TOKEN));
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefusedByItsOwnSide() {
    HttpClient defaultTrust = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    IOException e = assertThrows(IOException.class,
        () -> get(defaultTrust, https(pemBoth, "/running-jobs"), "Bearer " + TOKEN));
    assertInstanceOf(SSLHandshakeException.class, e, e.toString());
  }

  @Test
  void withClientCaOnlyAClientPresentingATrustedCertificateGetsThrough() throws Exception {
    HttpClient withCertificate = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .sslContext(SslContexts.context(
            SslContexts.keyManagers(Pem.certificates(client.certificate()), Pem.privateKey(client.privateKey()),
                client.certificate(), client.privateKey()),
            SslContexts.trustManagers(cert.certificate())))
        .build();
    assertEquals(200, get(withCertificate, https(mutual, "/running-jobs"), "Bearer " + TOKEN).statusCode());
    assertThrows(IOException.class, () -> get(trusting, https(mutual, "/running-jobs"), "Bearer " + TOKEN),
        "no client certificate: no HTTP exchange at all");
    HttpClient otherCertificate = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .sslContext(SslContexts.context(
            SslContexts.keyManagers(Pem.certificates(cert.certificate()), Pem.privateKey(cert.privateKey()),
                cert.certificate(), cert.privateKey()),
            SslContexts.trustManagers(cert.certificate())))
        .build();
    assertThrows(IOException.class, () -> get(otherCertificate, https(mutual, "/running-jobs"), "Bearer " + TOKEN),
        "a certificate client-ca does not hold");
    assertEquals(200, get(withCertificate, https(pemBoth, "/running-jobs"), "Bearer " + TOKEN).statusCode(),
        "a server without client-ca ignores a client certificate");
  }

  @Test
  void theStartLogSaysHowTheApiIsServedAndNamesNoSecret() {
    HttpSettings settings = HttpTesting.settings(Duration.ofSeconds(3))
        .withTls(TlsSettings.keyStore(cert.keyStore(), TestCertificates.PASSWORD)).withAuthToken(TOKEN)
        .withBasicAuth(new BasicAuthSettings(USER, PASSWORD)).withContextPath("/api");
    LoggingTestKit.info("REST API listening on https://127.0.0.1:")
        .withCustom(event -> event.message().endsWith("/api with the key of key store " + cert.keyStore()
            + " (bearer token or basic authentication)") && !event.message().contains(PASSWORD)
            && !event.message().contains(TOKEN) && !event.message().contains(TestCertificates.PASSWORD))
        .expect(testKit.system(), () -> HttpTesting.unchecked(() -> HttpTesting.bind(testKit.system(), settings,
            rm, coordinator, JobCountsSource.none())));
  }

  @Test
  void anOpenApiOnEveryInterfaceOrAnUnusableKeyIsNotStarted() {
    HttpSettings open = new HttpSettings(true, "0.0.0.0", 0, Duration.ofSeconds(3));
    SettingsException e = refused(open);
    assertTrue(e.getMessage().contains("atoll.http.allow-anonymous = true"), e.getMessage());
    Path missing = dir.resolve("missing.p12");
    SettingsException key = refused(HttpTesting.settings(Duration.ofSeconds(3))
        .withTls(TlsSettings.keyStore(missing, "x")));
    assertEquals("atoll.http.tls.key-store: " + missing + " does not exist", key.getMessage());
  }

  private static SettingsException refused(HttpSettings settings) {
    ExecutionException failed = assertThrows(ExecutionException.class, () -> HttpApi.start(testKit.system(), settings,
            rm, coordinator, HttpTesting.PLUGINS, HttpTesting.BUILD, JobCountsSource.none())
        .toCompletableFuture().get(10, TimeUnit.SECONDS));
    return assertInstanceOf(SettingsException.class, failed.getCause());
  }
}
