package io.atoll.runtime.config;

import com.typesafe.config.Config;

/**
 * {@code atoll.http.basic-auth}: HTTP basic authentication of the REST API, SeaTunnel's
 * {@code enable-basic-auth} / {@code basic-auth-username} / {@code basic-auth-password}. On when a
 * username is set; then the password must be set too (SeaTunnel's admin/admin default is not
 * copied: a default password is no protection). The password is never printed.
 */
public record BasicAuthSettings(String username, String password) {
  public static final BasicAuthSettings OFF = new BasicAuthSettings("", "");

  public BasicAuthSettings {
    if (username == null || password == null) {
      throw new SettingsException("atoll.http.basic-auth.username and .password must not be null");
    }
    if (username.contains(":") || !username.equals(username.strip())) {
      throw new SettingsException("atoll.http.basic-auth.username must not contain ':' nor start or end with "
          + "white space (HTTP basic authentication cannot carry it)");
    }
    if (username.isEmpty() && !password.isEmpty()) {
      throw new SettingsException("atoll.http.basic-auth.password is set but atoll.http.basic-auth.username is "
          + "empty: set both to turn basic authentication on, or neither");
    }
    if (!username.isEmpty() && password.isEmpty()) {
      throw new SettingsException("atoll.http.basic-auth.username is set but atoll.http.basic-auth.password is "
          + "empty: set a password (or ATOLL_HTTP_PASSWORD), or empty the username to turn basic authentication off");
    }
  }

  static BasicAuthSettings fromConfig(Config atoll) {
    return new BasicAuthSettings(
        Configs.string(atoll, "http.basic-auth.username"), Configs.string(atoll, "http.basic-auth.password"));
  }

  public boolean enabled() {
    return !username.isEmpty();
  }

  @Override
  public String toString() {
    return enabled() ? "BasicAuthSettings[username=" + username + ", password=(set)]" : "BasicAuthSettings[off]";
  }
}
