package io.atoll.protocol.data;

/** What a row means for the table it belongs to, with SeaTunnel's short names. */
public enum RowKind {
  INSERT("+I"),
  UPDATE_BEFORE("-U"),
  UPDATE_AFTER("+U"),
  DELETE("-D");

  private final String shortString;

  RowKind(String shortString) {
    this.shortString = shortString;
  }

  public String shortString() {
    return shortString;
  }

  /** Accepts the short name ({@code +I}) or the enum name ({@code INSERT}). */
  public static RowKind parse(String value) {
    for (RowKind k : values()) {
      if (k.shortString.equals(value) || k.name().equalsIgnoreCase(value)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown row kind '" + value + "': expected +I, -U, +U, -D (or INSERT, UPDATE_BEFORE, UPDATE_AFTER, DELETE)");
  }
}
