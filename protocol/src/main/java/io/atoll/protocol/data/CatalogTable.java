package io.atoll.protocol.data;

import java.util.List;
import java.util.Objects;

/**
 * One table of a table link: its id, schema and the keys its source declares. A single-table link
 * holds one table with a null id (its rows carry none); a multi-table source ({@code tables_configs})
 * names each of its tables as SeaTunnel does, {@code [database.][schema.]table}, and its rows carry
 * that id ({@link Row#table()}). Keys are what a source's {@code schema.primaryKey} /
 * {@code schema.constraintKeys} declare; nothing enforces them, sinks and Assert may read them.
 *
 * @param id the table id, or null for the link's only, unnamed table
 * @param primaryKey null when none is declared
 */
public record CatalogTable(String id, RowType type, PrimaryKey primaryKey, List<ConstraintKey> constraintKeys) {
  public CatalogTable {
    Objects.requireNonNull(type, "type");
    constraintKeys = List.copyOf(constraintKeys);
  }

  public CatalogTable(String id, RowType type) {
    this(id, type, null, List.of());
  }

  /** SeaTunnel's {@code primaryKey { name, columnNames }}. */
  public record PrimaryKey(String name, List<String> columns) {
    public PrimaryKey {
      columns = List.copyOf(columns);
    }
  }

  /** SeaTunnel's {@code constraintKeys} entry: a type such as UNIQUE_KEY and its columns. */
  public record ConstraintKey(String name, String type, List<KeyColumn> columns) {
    public ConstraintKey {
      columns = List.copyOf(columns);
    }
  }

  /** A constraint key column with its sort type (ASC or DESC). */
  public record KeyColumn(String name, String sortType) {}

  /** The only table of a single-table link. */
  public static CatalogTable only(RowType type) {
    return new CatalogTable(null, type);
  }

  /** The last part of the id ({@code t1} of {@code db.t1}), or null. */
  public String tableName() {
    return id == null ? null : id.substring(id.lastIndexOf('.') + 1);
  }

  /** The first part of a two- or three-part id ({@code db} of {@code db.t1}), or null. */
  public String databaseName() {
    if (id == null) {
      return null;
    }
    int dot = id.indexOf('.');
    return dot < 0 ? null : id.substring(0, dot);
  }

  /** The middle part of a three-part id ({@code s} of {@code db.s.t1}), or null. */
  public String schemaName() {
    if (id == null) {
      return null;
    }
    String[] parts = id.split("\\.");
    return parts.length == 3 ? parts[1] : null;
  }
}
