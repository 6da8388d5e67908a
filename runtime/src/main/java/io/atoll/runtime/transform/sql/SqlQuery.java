package io.atoll.runtime.transform.sql;

import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * A {@code select ... from <table> [where ...]} query planned against the input schema: one
 * evaluator per output field and an optional condition. Planning parses once; rows never see the
 * parser. Every problem is an {@link IllegalArgumentException} naming option {@code query}.
 *
 * @param fields output evaluators in order
 * @param texts each output field's expression as written, for runtime errors
 * @param where null, or the condition a row must meet (TRUE, not NULL) to be kept
 * @param whereText the condition as written, or null
 */
record SqlQuery(RowType produced, List<Evaluator> fields, List<String> texts, Evaluator where, String whereText) {

  static SqlQuery plan(String query, RowType input) {
    PlainSelect select = parse(query);
    ExpressionCompiler compiler = new ExpressionCompiler(input);
    List<RowType.Field> out = new ArrayList<>();
    List<Evaluator> evaluators = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (SelectItem<?> item : select.getSelectItems()) {
      Expression e = item.getExpression();
      if (e instanceof AllColumns) {
        for (int i = 0; i < input.arity(); i++) {
          int at = i;
          evaluators.add(row -> row.field(at));
          texts.add(input.fields().get(i).name());
          out.add(input.fields().get(i));
        }
        continue;
      }
      Typed typed;
      try {
        typed = compiler.compile(e);
      } catch (IllegalArgumentException ex) {
        throw problem(ex.getMessage());
      }
      evaluators.add(typed.evaluator());
      texts.add(e.toString());
      out.add(new RowType.Field(outputName(item), typed.type()));
    }
    Evaluator where = null;
    if (select.getWhere() != null) {
      try {
        where = compiler.condition(select.getWhere()).evaluator();
      } catch (IllegalArgumentException ex) {
        throw problem("WHERE " + ex.getMessage());
      }
    }
    RowType produced;
    try {
      produced = new RowType(out);
    } catch (IllegalArgumentException ex) {
      throw problem("two output fields have one name (" + ex.getMessage() + "); give one an alias with AS");
    }
    return new SqlQuery(produced, List.copyOf(evaluators), List.copyOf(texts), where,
        select.getWhere() == null ? null : select.getWhere().toString());
  }

  /** The alias, else a column's own name ({@code c_row.c_int} → {@code c_int}), else the expression text. */
  private static String outputName(SelectItem<?> item) {
    if (item.getAlias() != null) {
      return ExpressionCompiler.unquote(item.getAlias().getName());
    }
    if (item.getExpression() instanceof Column c) {
      return ExpressionCompiler.unquote(c.getColumnName());
    }
    return item.getExpression().toString();
  }

  private static PlainSelect parse(String query) {
    if (query == null || query.isBlank()) {
      throw problem("is empty; write one 'select ... from <table> [where ...]'");
    }
    Statement statement;
    try {
      statement = CCJSqlParserUtil.parse(query);
    } catch (JSQLParserException e) {
      String quoted = NewlyReserved.quote(query);
      try {
        statement = quoted.equals(query) ? null : CCJSqlParserUtil.parse(quoted);
      } catch (JSQLParserException again) {
        statement = null;
      }
      if (statement == null) {
        throw problem(syntaxError(query, e));
      }
    }
    if (!(statement instanceof PlainSelect select)) {
      // null: JSqlParser gave no statement at all
      throw problem("must be one 'select ... from <table> [where ...]', got "
          + (statement == null ? "no statement" : statement.getClass().getSimpleName()));
    }
    if (!(select.getFromItem() instanceof Table)) {
      throw problem("'from' must name the input table, got " + select.getFromItem());
    }
    List<String> unsupported = new ArrayList<>();
    add(unsupported, select.getJoins() != null && !select.getJoins().isEmpty(), "JOIN");
    add(unsupported, select.getGroupBy() != null, "GROUP BY");
    add(unsupported, select.getHaving() != null, "HAVING");
    add(unsupported, select.getOrderByElements() != null, "ORDER BY");
    add(unsupported, select.getLimit() != null || select.getOffset() != null, "LIMIT/OFFSET");
    add(unsupported, select.getDistinct() != null, "DISTINCT");
    if (!unsupported.isEmpty()) {
      throw problem(String.join(", ", unsupported) + " not supported: the Sql transform maps one row at a time");
    }
    return select;
  }

  private static void add(List<String> list, boolean present, String what) {
    if (present) {
      list.add(what);
    }
  }

  /** "line L, column C" of the query (not of the job file) and the token the parser stopped at. */
  private static String syntaxError(String query, JSQLParserException e) {
    Throwable cause = e;
    while (!(cause instanceof ParseException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ParseException pe && pe.currentToken != null) {
      Token at = pe.currentToken.next != null ? pe.currentToken.next : pe.currentToken;
      String near = at.image == null || at.image.isEmpty() ? "end of query" : "'" + at.image + "'";
      return "SQL syntax error at line " + at.beginLine + ", column " + at.beginColumn
          + " of the query, near " + near + ": " + query.lines().skip(Math.max(0, at.beginLine - 1))
          .findFirst().orElse("").trim();
    }
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage().lines().findFirst().orElse("");
    return "SQL syntax error: " + message;
  }

  private static IllegalArgumentException problem(String message) {
    return new IllegalArgumentException("option 'query': " + message);
  }
}
