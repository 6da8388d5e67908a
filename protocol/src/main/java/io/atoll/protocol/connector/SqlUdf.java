package io.atoll.protocol.connector;

import io.atoll.protocol.data.DataType;
import java.util.List;

/**
 * A user-defined function of the {@code Sql} transform, the counterpart of SeaTunnel's
 * {@code ZetaUDF}. Implementations are found with {@link java.util.ServiceLoader}: list the class
 * in {@code META-INF/services/io.atoll.protocol.connector.SqlUdf} and put the jar on the runtime's
 * classpath. A query calls it by {@link #functionName()}, ignoring case.
 *
 * <p>One instance serves every task of the node, possibly from several threads at once, so an
 * implementation keeps no per-call state. Values are the Java classes listed in {@link DataType}.
 * NULL arguments reach {@link #evaluate} as {@code null}; the function decides what they give.
 * A name that is already a built-in function, or that two UDFs share, is refused when a query is
 * validated, naming the classes.
 */
public interface SqlUdf {
  /** The name queries call it by, e.g. {@code MASK}. */
  String functionName();

  /**
   * The type of its values for these argument types, decided once when the query is compiled.
   *
   * @throws IllegalArgumentException when it cannot take such arguments; the message is shown with the query
   */
  DataType resultType(List<DataType> argTypes);

  /**
   * The value for one row. Returning a value of another class than {@link #resultType}'s is converted
   * as CAST would; an exception fails the task, naming the expression.
   */
  Object evaluate(List<Object> args);
}
