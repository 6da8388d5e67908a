package io.atoll.runtime.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code atoll.http}'s security and addressing: basic auth, context path, the refusal to serve an
 * open API on a non-loopback address, and that no secret is ever printed.
 */
class HttpSecuritySettingsTest {
  @TempDir Path tmp;

  private static HttpSettings on(String host) {
    return new HttpSettings(true, host, 8080, Duration.ofSeconds(3));
  }

  @Test
  void basicAuthIsOnWithAUsernameAndThenNeedsAPassword() {
    assertFalse(BasicAuthSettings.OFF.enabled());
    assertTrue(new BasicAuthSettings("ops", "pw").enabled());
    SettingsException noPassword = assertThrows(SettingsException.class, () -> new BasicAuthSettings("ops", ""));
    assertTrue(noPassword.getMessage().contains("atoll.http.basic-auth.password"), noPassword.getMessage());
    SettingsException noUser = assertThrows(SettingsException.class, () -> new BasicAuthSettings("", "pw"));
    assertTrue(noUser.getMessage().contains("atoll.http.basic-auth.username is empty"), noUser.getMessage());
    assertThrows(SettingsException.class, () -> new BasicAuthSettings("a:b", "pw"));
  }

  @Test
  void contextPathsAreNormalisedOrRefusedNamingTheOption() {
    assertEquals("", on("127.0.0.1").withContextPath("").contextPath());
    assertEquals("", on("127.0.0.1").withContextPath("/").contextPath());
    assertEquals("/seatunnel", on("127.0.0.1").withContextPath("seatunnel").contextPath());
    assertEquals("/atoll/api", on("127.0.0.1").withContextPath("/atoll/api/").contextPath());
    for (String bad : new String[] {"/a b", "/../x", "/a//b", "/a?b", "/a#b", "/caf\u00e9"}) {
      SettingsException e = assertThrows(SettingsException.class, () -> on("127.0.0.1").withContextPath(bad), bad);
      assertTrue(e.getMessage().startsWith("atoll.http.context-path"), e.getMessage());
    }
  }

  @Test
  void anOpenApiOnANonLoopbackAddressIsRefusedSayingWhyAndHow() {
    for (String host : new String[] {"0.0.0.0", "10.1.2.3", "::"}) {
      SettingsException e = assertThrows(SettingsException.class, () -> on(host).checkServable(), host);
      assertTrue(e.getMessage().contains("no authentication"), e.getMessage());
      assertTrue(e.getMessage().contains("submit jobs"), e.getMessage());
      assertTrue(e.getMessage().contains("atoll.http.auth-token"), e.getMessage());
      assertTrue(e.getMessage().contains("atoll.http.allow-anonymous = true"), e.getMessage());
    }
    assertDoesNotThrow(() -> on("0.0.0.0").withAuthToken("t").checkServable());
    assertDoesNotThrow(() -> on("0.0.0.0").withBasicAuth(new BasicAuthSettings("ops", "pw")).checkServable());
    assertDoesNotThrow(() -> on("0.0.0.0").withAllowAnonymous(true).checkServable());
    for (String loopback : new String[] {"127.0.0.1", "127.0.0.2", "localhost", "::1"}) {
      assertDoesNotThrow(() -> on(loopback).checkServable(), loopback);
    }
  }

  @Test
  void aMasterNodeBoundToAllInterfacesWithoutAuthDoesNotStartAWorkerNodeDoes() {
    Config master = node("master", "0.0.0.0", "");
    SettingsException e = assertThrows(SettingsException.class, () -> NodeSettings.fromConfig(master));
    assertTrue(e.getMessage().contains("0.0.0.0:8080"), e.getMessage());
    // a worker serves no REST API: nothing to refuse
    assertEquals("0.0.0.0", NodeSettings.fromConfig(node("worker", "0.0.0.0", "")).http().host());
    assertDoesNotThrow(() -> NodeSettings.fromConfig(node("master", "0.0.0.0", "atoll.http.allow-anonymous = true")));
    assertDoesNotThrow(() -> NodeSettings.fromConfig(node("hybrid", "0.0.0.0", "atoll.http.auth-token = t")));
    assertDoesNotThrow(() -> NodeSettings.fromConfig(node("master", "0.0.0.0", "atoll.http.enabled = false")));
    // the REST API on loopback while the cluster port listens on every interface
    assertDoesNotThrow(() -> NodeSettings.fromConfig(node("master", "0.0.0.0", "atoll.http.host = \"127.0.0.1\"")));
  }

  @Test
  void theSecurityBlockIsReadFromConfig() {
    Config atoll = ConfigFactory.parseString("""
        atoll.http {
          context-path = "/seatunnel"
          basic-auth { username = ops, password = "pa ss" }
          tls { enabled = true, key-store = "/etc/atoll/rest.p12", key-store-password = "k" }
          allow-anonymous = true
        }
        """).withFallback(ConfigFactory.defaultReference()).resolve().getConfig("atoll");
    HttpSettings http = HttpSettings.fromConfig(atoll, "127.0.0.1");
    assertEquals("/seatunnel", http.contextPath());
    assertEquals(new BasicAuthSettings("ops", "pa ss"), http.basicAuth());
    assertTrue(http.tls().enabled());
    assertEquals("https", http.scheme());
    assertTrue(http.allowAnonymous());
    HttpSettings defaults = HttpSettings.fromConfig(ConfigFactory.defaultReference().resolve().getConfig("atoll"), "h");
    assertEquals("", defaults.contextPath());
    assertFalse(defaults.tls().enabled());
    assertFalse(defaults.allowAnonymous());
    assertEquals("http", defaults.scheme());
  }

  @Test
  void noSecretIsPrinted() {
    HttpSettings http = on("127.0.0.1").withAuthToken("tok-SECRET1").withBasicAuth(new BasicAuthSettings("ops",
        "pw-SECRET2")).withTls(new TlsSettings(true, "/k.p12", "", "ks-SECRET3", "key-SECRET4", "", ""));
    String printed = http.toString();
    assertFalse(printed.contains("SECRET"), printed);
    assertTrue(printed.contains("ops") && printed.contains("/k.p12"), printed);
  }

  @Test
  void tlsNeedsExactlyOneKeySource() {
    SettingsException neither = assertThrows(SettingsException.class,
        () -> new TlsSettings(true, "", "", "", "", "", ""));
    assertTrue(neither.getMessage().contains("got neither"), neither.getMessage());
    SettingsException both = assertThrows(SettingsException.class,
        () -> new TlsSettings(true, "a.p12", "", "", "", "c.pem", "k.pem"));
    assertTrue(both.getMessage().contains("not both"), both.getMessage());
    SettingsException half = assertThrows(SettingsException.class,
        () -> new TlsSettings(true, "", "", "", "", "c.pem", ""));
    assertTrue(half.getMessage().contains("only certificate-chain"), half.getMessage());
    assertThrows(SettingsException.class, () -> new TlsSettings(true, "a.p12", "PEM", "", "", "", ""));
    assertDoesNotThrow(() -> new TlsSettings(false, "", "", "", "", "c.pem", ""), "off: not checked");
  }

  private Config node(String role, String host, String extra) {
    Config flags = ConfigFactory.parseString("atoll.node.role = " + role
        + "\nakka.remote.artery.canonical.hostname = \"" + host + "\"\natoll.data-dir = \""
        + tmp.toString().replace("\\", "/") + "\"\n" + extra);
    return NodeConfig.load(flags, Optional.empty());
  }
}
