package io.atoll.runtime.cli;

import java.io.PrintWriter;
import io.atoll.runtime.tls.KeyMaterialException;
import io.atoll.runtime.tls.SslContexts;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
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

  private Optional<SSLContext> trust(URI base) {
    if (caCertificates == null) {
      return Optional.empty();
    }
    if (!base.getScheme().equals("https")) {
      throw new ParameterException(spec.commandLine(), "--cacert is for an https:// --cluster; got " + base);
    }
    try {
      return Optional.of(SslContexts.trusting(caCertificates));
    } catch (KeyMaterialException e) {
      throw new ParameterException(spec.commandLine(), "--cacert: " + e.getMessage(), e);
    }
  }

  /** The command's work; its exit code. */
  abstract int run(ClusterClient client, PrintWriter out, PrintWriter err) throws Exception;
}
