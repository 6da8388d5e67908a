package io.atoll.protocol.connector;

import java.util.List;
import java.util.Objects;

/**
 * One option a plugin accepts, with SeaTunnel's name for it. Validation is generic: a job file is
 * checked against every plugin's specs before it is submitted (missing required options, wrong
 * types, values outside {@code allowedValues}); {@link PluginFactory#validate} adds what is specific.
 *
 * @param name the option's key inside the plugin block, dots allowed ({@code row.num})
 * @param defaultValue the value used when the option is absent, or null
 * @param fallbackNames older names accepted too (e.g. {@code result_table_name})
 */
public record OptionSpec(
    String name,
    OptionType type,
    boolean required,
    Object defaultValue,
    List<String> allowedValues,
    List<String> fallbackNames,
    String description) {

  public OptionSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    allowedValues = List.copyOf(allowedValues);
    fallbackNames = List.copyOf(fallbackNames);
    description = description == null ? "" : description;
  }

  public static Builder key(String name) {
    return new Builder(name);
  }

  /** Fluent construction: {@code OptionSpec.key("row.num").type(INT).defaultValue(5).description("...")}. */
  public static final class Builder {
    private final String name;
    private OptionType type = OptionType.STRING;
    private boolean required;
    private Object defaultValue;
    private List<String> allowed = List.of();
    private List<String> fallbacks = List.of();

    private Builder(String name) {
      this.name = name;
    }

    public Builder type(OptionType type) {
      this.type = type;
      return this;
    }

    public Builder required() {
      this.required = true;
      return this;
    }

    public Builder defaultValue(Object value) {
      this.defaultValue = value;
      return this;
    }

    public Builder allowedValues(String... values) {
      this.type = OptionType.ENUM;
      this.allowed = List.of(values);
      return this;
    }

    public Builder fallbackNames(String... names) {
      this.fallbacks = List.of(names);
      return this;
    }

    public OptionSpec description(String description) {
      return new OptionSpec(name, type, required, defaultValue, allowed, fallbacks, description);
    }
  }
}
