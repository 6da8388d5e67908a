package io.atoll.runtime.transform.sql;

import static io.atoll.runtime.transform.sql.SqlTesting.JOY;
import static io.atoll.runtime.transform.sql.SqlTesting.NULLS;
import static io.atoll.runtime.transform.sql.SqlTesting.problems;
import static io.atoll.runtime.transform.sql.SqlTesting.type;
import static io.atoll.runtime.transform.sql.SqlTesting.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.connector.SqlUdf;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataType.Basic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User-defined functions found by ServiceLoader, and SeaTunnel's DES_ENCRYPT / DES_DECRYPT. */
class SqlUdfTest {

  @Test
  void aUdfOnTheClasspathIsCalledByNameIgnoringCase() {
    assertEquals("******ng", value("MASK(name)", JOY));
    assertEquals("*****ing", value("Mask(name, 3)", JOY));
    assertEquals(Basic.STRING, type("mask(name)"));
    assertEquals(null, value("MASK(name)", NULLS));
    assertTrue(SqlFunctions.names().contains("MASK"));
  }

  @Test
  void aUdfRefusingItsArgumentTypesIsAValidationProblem() {
    List<String> problems = problems("select MASK(age) as m from t");
    assertEquals(1, problems.size());
    assertEquals("option 'query': 'MASK(age)': MASK takes (string[, int]), got [int]", problems.get(0));
  }

  @Test
  void aUdfNamedLikeABuiltInOrAnotherUdfIsRefused() {
    SqlUdf upper = new Named("upper");
    var e = assertThrows(IllegalArgumentException.class,
        () -> SqlUdfs.of(List.of(upper), SqlFunctions.builtInNames()));
    assertEquals("Sql UDF " + Named.class.getName() + " is named UPPER, which is a built-in function; rename the UDF",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SqlUdfs.of(List.of(new Named("twice"), new Named("TWICE")), SqlFunctions.builtInNames()));
    assertTrue(e.getMessage().startsWith("two Sql UDFs are named TWICE"), e.getMessage());
  }

  @Test
  void desEncryptMatchesSeaTunnelsCipherAndDecryptsBack() {
    // DES/CBC/PKCS5, key = the password's first 8 bytes, IV "12345678", base64: as openssl computes it
    assertEquals("pyUA9EuzxbIm+Rad/ze5VA==", value("DES_ENCRYPT('seatunnel', name)", JOY));
    assertEquals("SQRJO0VyB/w=", value("DES_ENCRYPT('seatunnel', '')", JOY));
    assertEquals("Joy Ding", value("DES_DECRYPT('seatunnel', DES_ENCRYPT('seatunnel', name))", JOY));
    assertEquals(Basic.STRING, type("DES_DECRYPT('seatunnel', name)"));
    assertEquals(null, value("DES_ENCRYPT('seatunnel', name)", NULLS));
    assertEquals(null, value("DES_DECRYPT(null, 'x')", JOY));
  }

  @Test
  void desRefusesAShortPasswordAndTextThatDoesNotDecrypt() {
    var e = assertThrows(IllegalStateException.class, () -> value("DES_ENCRYPT('short', name)", JOY)).getCause();
    assertTrue(e.getMessage().contains("the DES password must have at least 8 characters"), e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> value("DES_DECRYPT('seatunnel', name)", JOY)).getCause();
    assertTrue(e.getMessage().contains("'Joy Ding' is not base64"), e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> value("DES_DECRYPT('another!', 'pyUA9EuzxbIm+Rad/ze5VA==')",
        JOY)).getCause();
    assertTrue(e.getMessage().contains("decryption failed"), e.getMessage());
  }

  private record Named(String functionName) implements SqlUdf {
    @Override
    public DataType resultType(List<DataType> argTypes) {
      return Basic.STRING;
    }

    @Override
    public Object evaluate(List<Object> args) {
      return "x";
    }
  }
}
