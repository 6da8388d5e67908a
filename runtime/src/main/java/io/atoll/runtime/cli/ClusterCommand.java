package io.atoll.runtime.cli;

import java.io.PrintWriter;
import io.atoll.runtime.tls.KeyMaterialException;
import io.atoll.runtime.tls.Pem;
import io.atoll.runtime.tls.SslContexts;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What the commands that talk to a running cluster share: the {@code --cluster} address (HTTP or
 * HTTPS, with the API's context path), {@code --cacert}, the credentials from the environment
 * ({@link ClusterCredentials}), and turning a cluster that cannot be reached into one line and exit
 * code 1, never a stack trace.
 */
abstract class ClusterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--cluster", required = true, paramLabel = "HOST:HTTP_PORT",
      description = "the REST API of a master node, e.g. 10.0.0.5:8080; https://10.0.0.5:8443/seatunnel for one "
          + "with TLS and a context path. Credentials come from the environment: ATOLL_HTTP_AUTH_TOKEN, or "
          + "ATOLL_HTTP_USER and ATOLL_HTTP_PASSWORD")
  String cluster;

  @Option(names = "--cacert", paramLabel = "PEM_FILE",
      description = "with https://: trust the certificates in this PEM file (default: the JVM's trust store)")
  Path caCertificates;

  @Option(names = "--cert", paramLabel = "PEM_FILE",
      description = "with https:// to a master wanting client certificates (atoll.http.tls.client-ca or "
          + "trust-store): this client's certificate chain; with --key")
  Path clientCertificate;

  @Option(names = "--key", paramLabel = "PEM_FILE", description = "the unencrypted PKCS#8 key of --cert")
  Path clientKey;

  /** Where the credentials are read; tests set their own. */
  Map<String, String> environment = System.getenv();

  @Override
  public final Integer call() throws Exception {
    URI base;
    try {
      base = ClusterClient.address(cluster);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--cluster: " + e.getMessage());
    }
    ClusterCredentials credentials;
    try {
      credentials = ClusterCredentials.fromEnvironment(environment);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Optional<SSLContext> trust = trust(base);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(new ClusterClient(base, credentials, trust), out, err);
    } catch (ClusterException e) {
      err.println("atoll: " + e.getMessage());
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The TLS context of {@code --cacert}, {@code --cert} and {@code --key}; empty: the JVM's default. */
  private Optional<SSLContext> trust(URI base) {
    if (caCertificates == null && clientCertificate == null && clientKey == null) {
      return Optional.empty();
    }
    if (!base.getScheme().equals("https")) {
      String options = caCertificates != null ? "--cacert" : "--cert and --key";
      throw new ParameterException(spec.commandLine(), options + " is for an https:// --cluster; got " + base);
    }
    if ((clientCertificate == null) != (clientKey == null)) {
      throw new ParameterException(spec.commandLine(), "--cert and --key go together: the client certificate "
          + "and its private key");
    }
    TrustManager[] trust = null;
    KeyManager[] keys = null;
    try {
      trust = caCertificates == null ? null : SslContexts.trustManagers(caCertificates);
    } catch (KeyMaterialException e) {
      throw new ParameterException(spec.commandLine(), "--cacert: " + e.getMessage(), e);
    }
    if (clientCertificate != null) {
      try {
        keys = SslContexts.keyManagers(Pem.certificates(clientCertificate), Pem.privateKey(clientKey),
            clientCertificate, clientKey);
      } catch (KeyMaterialException e) {
        throw new ParameterException(spec.commandLine(), "--cert / --key: " + e.getMessage(), e);
      }
    }
    return Optional.of(SslContexts.context(keys, trust));
  }

  /** The command's work; its exit code. */
  abstract int run(ClusterClient client, PrintWriter out, PrintWriter err) throws Exception;
}
