package io.atoll.protocol.job;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The secrets of a job, and the masking of them wherever a job's options, env or errors are shown
 * ({@code /job-info}, {@code atoll status} / {@code list}, events, logs). A secret is the value of
 * any option or env key that {@link #secret(String)} names one (passwords, tokens, keys), as
 * SeaTunnel users expect of {@code encrypt-config}; besides, a
 * {@code password=} in a URL's query string and the password of a URL's {@code user:password@}
 * are masked in any text, job known or not.
 *
 * @param values the passwords to replace in texts, longest first
 */
public record Secrets(List<String> values) {
  public static final String MASK = "******";
  public static final Secrets NONE = new Secrets(List.of());
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s'\"]+");
  private static final Pattern USER_INFO = Pattern.compile("(://[^/:@\\s]+:)[^@/\\s]+@");

  public Secrets {
    values = values.stream().filter(v -> v != null && !v.isEmpty()).distinct()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** The passwords of a job's env and plugin options; none for a null definition. */
  public static Secrets of(JobDefinition definition) {
    if (definition == null) {
      return NONE;
    }
    List<String> found = new ArrayList<>();
    definition.env().forEach((k, v) -> {
      if (secret(k)) {
        found.add(v);
      }
    });
    for (PluginDefinition plugin : definition.plugins()) {
      collect(plugin.options(), false, found);
    }
    return new Secrets(found);
  }

  /** The passwords of a task group's plugins (a worker knows no more of its job). */
  public static Secrets of(PluginDefinition source, List<PluginDefinition> transforms, List<PluginDefinition> sinks) {
    List<String> found = new ArrayList<>();
    List<PluginDefinition> plugins = new ArrayList<>(transforms);
    plugins.addAll(sinks);
    if (source != null) {
      plugins.add(source);
    }
    plugins.forEach(p -> collect(p.options(), false, found));
    return new Secrets(found);
  }

  /**
   * Whether an option or env key names a secret: a password anywhere in the name ({@code password},
   * {@code xa_password}, {@code kafka.sasl.password}), or a part of the name (split at {@code .},
   * {@code _} and {@code -}) that is {@code token}, {@code secret}, {@code passwd}, {@code credential(s)}
   * or {@code auth}, or an {@code access}/{@code private}/{@code api} key ({@code access_key},
   * {@code fs.s3a.secret.key}, {@code api-key}). Key names like {@code primary_key} are not secrets.
   */
  public static boolean secret(String key) {
    String name = key.toLowerCase(Locale.ROOT);
    if (name.contains("password")) {
      return true;
    }
    String[] parts = name.split("[._-]");
    for (int i = 0; i < parts.length; i++) {
      if (SECRET_PARTS.contains(parts[i])) {
        return true;
      }
      if (parts[i].equals("key") && i > 0 && KEY_KINDS.contains(parts[i - 1])) {
        return true;
      }
    }
    return false;
  }

  private static final java.util.Set<String> SECRET_PARTS =
      java.util.Set.of("token", "secret", "passwd", "credential", "credentials", "auth");
  private static final java.util.Set<String> KEY_KINDS = java.util.Set.of("access", "private", "api");

  /** The text with this job's passwords and any URL password replaced by {@link #MASK}. */
  public String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = text;
    for (String value : values) {
      masked = maskValue(masked, value);
    }
    return maskUrls(masked);
  }

  /** Below this length a secret is masked only where it stands alone, see {@link #maskValue}. */
  static final int SHORT = 4;

  /**
   * The text with {@code value} replaced by {@link #MASK}: everywhere, or, for a value shorter than
   * {@value #SHORT} characters, only where no letter or digit touches it on either side. A password
   * "p" replaced everywhere turned "jdbc:postgresql" and "classpath" into noise while hiding nothing.
   */
  public static String maskValue(String text, String value) {
    if (text == null || value == null || value.isEmpty()) {
      return text;
    }
    if (value.length() >= SHORT) {
      return text.replace(value, MASK);
    }
    return java.util.regex.Pattern.compile("(?<![\\p{Alnum}])" + java.util.regex.Pattern.quote(value)
        + "(?![\\p{Alnum}])").matcher(text).replaceAll(java.util.regex.Matcher.quoteReplacement(MASK));
  }

  /** The text with {@code password=...} and {@code user:password@} in URLs masked. */
  public static String maskUrls(String text) {
    if (text == null) {
      return null;
    }
    return USER_INFO.matcher(URL_PASSWORD.matcher(text).replaceAll("$1" + MASK)).replaceAll("$1" + MASK + "@");
  }

  /** An env or options map for display: password keys masked, URL passwords masked, sorted by key. */
  public Map<String, String> maskValues(Map<String, String> options) {
    Map<String, String> shown = new TreeMap<>();
    options.forEach((k, v) -> shown.put(k, secret(k) ? MASK : mask(v)));
    return shown;
  }

  private static void collect(OptionValue value, boolean underSecret, List<String> found) {
    if (value instanceof OptionValue.ObjectOf o) {
      o.members().forEach(m -> collect(m.value(), underSecret || secret(m.key()), found));
    } else if (value instanceof OptionValue.ListOf l) {
      l.items().forEach(i -> collect(i, underSecret, found));
    } else if (underSecret && value instanceof OptionValue.Text t) {
      found.add(t.value());
    } else if (underSecret && value instanceof OptionValue.Numeric n) {
      found.add(n.text());
    }
  }
}
