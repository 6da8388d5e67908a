package io.atoll.runtime.job.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.atoll.protocol.job.OptionValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SeaTunnel's config encryption ("config shade"): a job whose env says {@code shade.identifier =
 * base64} carries its sensitive plugin options encoded, and the node that reads the job decodes them
 * before anything else sees them. The sensitive options are SeaTunnel's ({@code username},
 * {@code password}, {@code auth}, {@code token}, {@code access_key}, {@code secret_key}) plus those
 * named in {@code env.shade.options}; only a plugin block's own keys are shaded, as in SeaTunnel.
 * {@code shade.identifier = default} (or none) leaves the job as written. Other identifiers are
 * SeaTunnel plugins Atoll does not have: refused, naming the option.
 *
 * <p>Base64 hides a password from a glance, not from anyone who reads the file: SeaTunnel says as
 * much. The decoded values are masked wherever the job is shown ({@link io.atoll.protocol.job.Secrets}).
 *
 * @param identifier {@code default} or {@code base64}
 * @param options the keys that are shaded
 */
public record ConfigShade(String identifier, Set<String> options) {
  public static final String IDENTIFIER_KEY = "shade.identifier";
  public static final String OPTIONS_KEY = "shade.options";
  public static final String NONE = "default";
  public static final String BASE64 = "base64";
  /** SeaTunnel's sensitive options for its base64 shade. */
  public static final List<String> DEFAULT_OPTIONS =
      List.of("username", "password", "auth", "token", "access_key", "secret_key");
  static final Set<String> IDENTIFIERS = Set.of(NONE, BASE64);

  public ConfigShade {
    identifier = identifier.toLowerCase(Locale.ROOT);
    if (!IDENTIFIERS.contains(identifier)) {
      throw new IllegalArgumentException("'" + identifier + "' is not a shade Atoll knows: use "
          + BASE64 + " (or " + NONE + " for none)");
    }
    options = Set.copyOf(options);
  }

  /** The shade of {@code identifier}, shading the default options and {@code extra}. */
  public static ConfigShade of(String identifier, List<String> extra) {
    Set<String> all = new LinkedHashSet<>(DEFAULT_OPTIONS);
    all.addAll(extra);
    return new ConfigShade(identifier, all);
  }

  public static final ConfigShade PLAIN = of(NONE, List.of());

  public boolean shades() {
    return !identifier.equals(NONE);
  }

  public boolean shaded(String key) {
    return shades() && options.contains(key);
  }

  public String encrypt(String plain) {
    return Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** @throws IllegalArgumentException when the text is no base64 */
  public String decrypt(String shaded) {
    return new String(Base64.getDecoder().decode(shaded.strip()), StandardCharsets.UTF_8);
  }

  /**
   * The block with its shaded options decoded, in the typed tree and the parsed object alike (lines
   * kept); a value that does not decode is a problem naming the option, and stays as it was.
   */
  PluginBlock decrypt(PluginBlock block, Problems problems) {
    if (!shades()) {
      return block;
    }
    List<OptionValue.Member> members = new ArrayList<>();
    ConfigObject parsed = block.block;
    boolean changed = false;
    for (OptionValue.Member member : block.options.members()) {
      if (shaded(member.key()) && member.value() instanceof OptionValue.Text text) {
        try {
          String plain = decrypt(text.value());
          members.add(new OptionValue.Member(member.key(), new OptionValue.Text(plain, text.line())));
          ConfigValue was = parsed.get(member.key());
          if (was != null) {
            parsed = parsed.withValue(member.key(), ConfigValueFactory.fromAnyRef(plain).withOrigin(was.origin()));
          }
          changed = true;
          continue;
        } catch (IllegalArgumentException notBase64) {
          problems.add(text.line() > 0 ? text.line() : block.line, block.label() + " option '" + member.key() + "'",
              "is not " + BASE64 + " (env." + IDENTIFIER_KEY + " = " + BASE64 + " decodes it): " + notBase64.getMessage());
        }
      }
      members.add(member);
    }
    if (!changed) {
      return block;
    }
    return new PluginBlock(block.kind, block.name, block.index, block.line, parsed,
        new OptionValue.ObjectOf(members, block.options.line()), block.origin);
  }
}
