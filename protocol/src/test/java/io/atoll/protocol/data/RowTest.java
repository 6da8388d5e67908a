package io.atoll.protocol.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class RowTest {
  @Test
  void aRowKeepsItsTableThroughKindAndValueChanges() {
    Row row = new Row(RowKind.INSERT, new Object[] {1, "a"}, "db.t1");
    assertEquals("db.t1", row.withKind(RowKind.DELETE).table());
    assertEquals("db.t1", row.withValues(new Object[] {2}).table());
    assertEquals(RowKind.DELETE, row.withKind(RowKind.DELETE).withTable("db.t2").kind());
    assertSame(row, row.withTable("db.t1"));
  }

  @Test
  void aSingleTableRowHasNoTable() {
    assertNull(Row.of(1).table());
    assertNull(new Row(RowKind.INSERT, new Object[] {1}).withValues(new Object[] {2}).table());
    assertEquals("+I[1, a]", Row.of(1, "a").toString());
  }

  @Test
  void theTableTakesPartInEqualityAndText() {
    Row plain = Row.of(1);
    Row t1 = plain.withTable("db.t1");
    assertNotEquals(plain, t1);
    assertNotEquals(t1, plain.withTable("db.t2"));
    assertEquals(t1, new Row(RowKind.INSERT, new Object[] {1}, "db.t1"));
    assertEquals(t1.hashCode(), new Row(RowKind.INSERT, new Object[] {1}, "db.t1").hashCode());
    assertEquals("db.t1 +I[1]", t1.toString());
  }

  @Test
  void aCatalogTableSplitsItsIdAsSeaTunnelsTablePath() {
    RowType type = RowType.of(new RowType.Field("a", DataType.Basic.INT));
    CatalogTable two = new CatalogTable("db.t1", type);
    assertEquals("db", two.databaseName());
    assertNull(two.schemaName());
    assertEquals("t1", two.tableName());
    CatalogTable three = new CatalogTable("db.s.t1", type);
    assertEquals("db", three.databaseName());
    assertEquals("s", three.schemaName());
    assertEquals("t1", three.tableName());
    CatalogTable one = new CatalogTable("t1", type);
    assertNull(one.databaseName());
    assertEquals("t1", one.tableName());
    assertNull(CatalogTable.only(type).tableName());
  }
}
