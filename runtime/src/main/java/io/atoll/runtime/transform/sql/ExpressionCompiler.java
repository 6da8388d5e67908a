package io.atoll.runtime.transform.sql;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataType.Basic;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TimeValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.IntegerDivision;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * Turns a parsed JSqlParser expression into an {@link Evaluator} and its result type, once per task.
 * Problems (unknown column or function, wrong argument count, unsupported syntax) throw
 * {@link IllegalArgumentException} naming the expression's text.
 */
final class ExpressionCompiler {
  private final RowType input;

  ExpressionCompiler(RowType input) {
    this.input = input;
  }

  Typed compile(Expression e) {
    if (e instanceof Parenthesis p) {
      return compile(p.getExpression());
    }
    if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
      return compile(list.get(0));
    }
    if (e instanceof LongValue v) {
      long n = v.getValue();
      return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE
          ? Typed.constant((int) n, Basic.INT) : Typed.constant(n, Basic.BIGINT);
    }
    if (e instanceof DoubleValue v) {
      return Typed.constant(v.getValue(), Basic.DOUBLE);
    }
    if (e instanceof StringValue v) {
      return Typed.constant(v.getValue().replace("''", "'"), Basic.STRING);
    }
    if (e instanceof NullValue) {
      return Typed.constant(null, Basic.NULL);
    }
    if (e instanceof BooleanValue v) {
      return Typed.constant(v.getValue(), Basic.BOOLEAN);
    }
    if (e instanceof DateValue v) {
      return Typed.constant(v.getValue().toLocalDate(), Basic.DATE);
    }
    if (e instanceof TimeValue v) {
      return Typed.constant(v.getValue().toLocalTime(), Basic.TIME);
    }
    if (e instanceof TimestampValue v) {
      return Typed.constant(v.getValue().toLocalDateTime(), Basic.TIMESTAMP);
    }
    if (e instanceof Column c) {
      return column(c);
    }
    if (e instanceof SignedExpression s) {
      return signed(s);
    }
    if (e instanceof Concat c) {
      return concat(c);
    }
    if (e instanceof BinaryExpression b && arithmetic(b) != null) {
      return Arithmetic.compile(arithmetic(b), compile(b.getLeftExpression()), compile(b.getRightExpression()),
          e.toString());
    }
    if (e instanceof AndExpression a) {
      return Logic.and(condition(a.getLeftExpression()), condition(a.getRightExpression()));
    }
    if (e instanceof OrExpression o) {
      return Logic.or(condition(o.getLeftExpression()), condition(o.getRightExpression()));
    }
    if (e instanceof NotExpression n) {
      return Logic.not(condition(n.getExpression()));
    }
    if (e instanceof LikeExpression l) {
      return like(l);
    }
    if (e instanceof BinaryExpression b && comparison(b) != null) {
      return Logic.compare(compile(b.getLeftExpression()), compile(b.getRightExpression()), comparison(b));
    }
    if (e instanceof IsNullExpression n) {
      Evaluator v = compile(n.getLeftExpression()).evaluator();
      boolean not = n.isNot();
      return new Typed(row -> (v.eval(row) == null) != not, Basic.BOOLEAN);
    }
    if (e instanceof InExpression in) {
      return in(in);
    }
    if (e instanceof Between b) {
      Typed value = compile(b.getLeftExpression());
      Typed range = Logic.and(Logic.compare(value, compile(b.getBetweenExpressionStart()), c -> c >= 0),
          Logic.compare(value, compile(b.getBetweenExpressionEnd()), c -> c <= 0));
      return b.isNot() ? Logic.not(range) : range;
    }
    if (e instanceof CaseExpression c) {
      return caseWhen(c);
    }
    if (e instanceof CastExpression c) {
      return cast(c);
    }
    if (e instanceof Function f) {
      return function(f);
    }
    if (e instanceof ExtractExpression x) {
      Typed value = compile(x.getExpression());
      return call("EXTRACT", List.of(Typed.constant(x.getName(), Basic.STRING), value), e);
    }
    if (e instanceof TrimFunction t) {
      return trim(t);
    }
    if (e instanceof TimeKeyExpression t) {
      return call(t.getStringValue().replace("()", ""), List.of(), e);
    }
    throw new IllegalArgumentException("'" + e + "': this kind of expression ("
        + e.getClass().getSimpleName() + ") is not supported by the Sql transform");
  }

  /** A boolean expression; a non-boolean one is refused rather than guessed at. */
  Typed condition(Expression e) {
    Typed t = compile(e);
    if (t.type() != Basic.BOOLEAN && t.type() != Basic.NULL) {
      throw new IllegalArgumentException("'" + e + "' is " + t.type().sqlName() + ", a condition must be boolean");
    }
    return t;
  }

  /** {@code a}, {@code c_row.c_int}, {@code t.a} where t is the input table, {@code `quoted`}. */
  private Typed column(Column c) {
    String path = c.getFullyQualifiedName();
    if (c.getArrayConstructor() != null) {
      String index = c.getArrayConstructor().toString();
      Typed base = column(new Column(List.of(path.substring(0, path.length() - index.length()).split("\\."))));
      return element(base, c.getArrayConstructor().getExpressions(), c.toString());
    }
    List<String> parts = new ArrayList<>();
    for (String part : path.split("\\.")) {
      parts.add(unquote(part));
    }
    if (parts.size() > 1 && input.indexOf(parts.get(0)) < 0) {
      parts.remove(0);
    }
    String first = parts.get(0);
    int index = input.indexOf(first);
    if (index < 0) {
      if (parts.size() == 1 && (first.equalsIgnoreCase("true") || first.equalsIgnoreCase("false"))) {
        return Typed.constant(Boolean.parseBoolean(first), Basic.BOOLEAN);
      }
      throw new IllegalArgumentException("column '" + c + "' is not in the input; input fields: "
          + String.join(", ", input.names()));
    }
    Evaluator eval = row -> row.field(index);
    DataType type = input.typeAt(index);
    for (String name : parts.subList(1, parts.size())) {
      if (!(type instanceof RowType nested) || nested.indexOf(name) < 0) {
        throw new IllegalArgumentException("column '" + c + "': '" + name + "' is not a field of "
            + type.sqlName());
      }
      int at = nested.indexOf(name);
      Evaluator outer = eval;
      eval = row -> outer.eval(row) instanceof Row r ? r.field(at) : null;
      type = nested.typeAt(at);
    }
    return new Typed(eval, type);
  }

  /** {@code c_array[0]} (0-based; out of range is NULL) and {@code c_map['key']} (absent is NULL). */
  private Typed element(Typed base, List<? extends Expression> indexes, String text) {
    Typed current = base;
    for (Expression indexExpression : indexes) {
      Evaluator index = compile(indexExpression).evaluator();
      Evaluator container = current.evaluator();
      if (current.type() instanceof DataType.Array array) {
        current = new Typed(row -> {
          Object list = container.eval(row);
          Object at = list == null ? null : index.eval(row);
          if (at == null) {
            return null;
          }
          int i = SqlValues.toDecimal(at).intValue();
          List<?> values = (List<?>) list;
          return i >= 0 && i < values.size() ? values.get(i) : null;
        }, array.element());
      } else if (current.type() instanceof DataType.MapOf map) {
        DataType keyType = map.key();
        current = new Typed(row -> {
          Object m = container.eval(row);
          Object key = m == null ? null : index.eval(row);
          return key == null ? null : ((java.util.Map<?, ?>) m).get(SqlValues.cast(key, keyType));
        }, map.value());
      } else {
        throw new IllegalArgumentException("'" + text + "': [...] needs an array or a map, got "
            + current.type().sqlName());
      }
    }
    return current;
  }

  static String unquote(String name) {
    if (name.length() >= 2 && (name.startsWith("`") && name.endsWith("`")
        || name.startsWith("\"") && name.endsWith("\""))) {
      return name.substring(1, name.length() - 1);
    }
    return name;
  }

  private Typed signed(SignedExpression s) {
    Typed value = compile(s.getExpression());
    if (s.getSign() == '+') {
      return value;
    }
    if (s.getSign() != '-') {
      throw new IllegalArgumentException("'" + s + "': operator " + s.getSign() + " is not supported");
    }
    return Arithmetic.compile(Arithmetic.Op.SUBTRACT, Typed.constant(0, Basic.INT), value, s.toString());
  }

  private Typed concat(Concat c) {
    Evaluator l = compile(c.getLeftExpression()).evaluator();
    Evaluator r = compile(c.getRightExpression()).evaluator();
    return new Typed(row -> {
      Object a = l.eval(row);
      Object b = a == null ? null : r.eval(row);
      return b == null ? null : SqlValues.asString(a) + SqlValues.asString(b);
    }, Basic.STRING);
  }

  private static Arithmetic.Op arithmetic(BinaryExpression b) {
    if (b instanceof Addition) {
      return Arithmetic.Op.ADD;
    }
    if (b instanceof Subtraction) {
      return Arithmetic.Op.SUBTRACT;
    }
    if (b instanceof Multiplication) {
      return Arithmetic.Op.MULTIPLY;
    }
    if (b instanceof Division || b instanceof IntegerDivision) {
      return Arithmetic.Op.DIVIDE;
    }
    return b instanceof Modulo ? Arithmetic.Op.MODULO : null;
  }

  private static IntPredicate comparison(BinaryExpression b) {
    if (b instanceof EqualsTo) {
      return c -> c == 0;
    }
    if (b instanceof NotEqualsTo) {
      return c -> c != 0;
    }
    if (b instanceof GreaterThan) {
      return c -> c > 0;
    }
    if (b instanceof GreaterThanEquals) {
      return c -> c >= 0;
    }
    if (b instanceof MinorThan) {
      return c -> c < 0;
    }
    return b instanceof MinorThanEquals ? c -> c <= 0 : null;
  }

  /** {@code %} any run, {@code _} one character; NULL on either side gives NULL. */
  private Typed like(LikeExpression l) {
    Evaluator value = compile(l.getLeftExpression()).evaluator();
    Typed pattern = compile(l.getRightExpression());
    boolean not = l.isNot();
    boolean regex = l.getLikeKeyWord() == LikeExpression.KeyWord.RLIKE
        || l.getLikeKeyWord() == LikeExpression.KeyWord.REGEXP;
    int flags = l.getLikeKeyWord() == LikeExpression.KeyWord.ILIKE || l.isCaseInsensitive()
        ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL : Pattern.DOTALL;
    String escape = escape(l);
    java.util.function.Function<String, Pattern> toPattern = p ->
        Pattern.compile(regex ? p : likeToRegex(p, escape), flags);
    Pattern constant = isConstant(l.getRightExpression()) && pattern.evaluator().eval(null) instanceof String p
        ? toPattern.apply(p) : null;
    Evaluator patternEval = pattern.evaluator();
    return new Typed(row -> {
      Object v = value.eval(row);
      if (v == null) {
        return null;
      }
      Pattern p = constant;
      if (p == null) {
        Object text = patternEval.eval(row);
        if (text == null) {
          return null;
        }
        p = toPattern.apply(SqlValues.asString(text));
      }
      boolean found = regex ? p.matcher(SqlValues.asString(v)).find() : p.matcher(SqlValues.asString(v)).matches();
      return found != not;
    }, Basic.BOOLEAN);
  }

  private static boolean isConstant(Expression e) {
    return e instanceof StringValue;
  }

  /**
   * The escape character of a LIKE: {@code \\} unless {@code ESCAPE 'c'} names another; {@code ESCAPE ''}
   * turns escaping off. Only a one-character constant is accepted.
   */
  private static String escape(LikeExpression l) {
    if (l.getEscape() == null) {
      return "\\";
    }
    if (!(l.getEscape() instanceof StringValue v) || v.getValue().length() > 1) {
      throw new IllegalArgumentException("'" + l + "': ESCAPE takes one character in quotes, got "
          + l.getEscape());
    }
    if (l.getLikeKeyWord() == LikeExpression.KeyWord.RLIKE || l.getLikeKeyWord() == LikeExpression.KeyWord.REGEXP) {
      throw new IllegalArgumentException("'" + l + "': ESCAPE applies to LIKE and ILIKE, not to a regular expression");
    }
    return v.getValue();
  }

  /**
   * {@code %} and {@code _} as wildcards; the escape character makes the next character literal
   * (at the very end it stands for itself).
   */
  static String likeToRegex(String like, String escape) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (!escape.isEmpty() && c == escape.charAt(0) && i + 1 < like.length()) {
        b.append(Pattern.quote(String.valueOf(like.charAt(++i))));
      } else if (c == '%') {
        b.append(".*");
      } else if (c == '_') {
        b.append('.');
      } else {
        b.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return b.toString();
  }

  /** SQL's IN: true if equal to one; NULL if none equal and the value or an item is NULL. */
  private Typed in(InExpression in) {
    Evaluator value = compile(in.getLeftExpression()).evaluator();
    if (!(in.getRightExpression() instanceof ExpressionList<?> list)) {
      throw new IllegalArgumentException("'" + in + "': IN takes a list of values; sub-queries are not supported");
    }
    List<Evaluator> items = new ArrayList<>();
    for (Expression item : list) {
      items.add(compile(item).evaluator());
    }
    boolean not = in.isNot();
    return new Typed(row -> {
      Object v = value.eval(row);
      if (v == null) {
        return null;
      }
      boolean sawNull = false;
      for (Evaluator item : items) {
        Object candidate = item.eval(row);
        if (candidate == null) {
          sawNull = true;
        } else if (SqlValues.compare(v, candidate) == 0) {
          return !not;
        }
      }
      return sawNull ? null : not;
    }, Basic.BOOLEAN);
  }

  private Typed caseWhen(CaseExpression c) {
    Typed switchValue = c.getSwitchExpression() == null ? null : compile(c.getSwitchExpression());
    List<Evaluator> whens = new ArrayList<>();
    List<Typed> thens = new ArrayList<>();
    for (WhenClause w : c.getWhenClauses()) {
      Typed when = switchValue == null ? condition(w.getWhenExpression())
          : Logic.compare(switchValue, compile(w.getWhenExpression()), r -> r == 0);
      whens.add(when.evaluator());
      thens.add(compile(w.getThenExpression()));
    }
    Typed otherwise = c.getElseExpression() == null ? Typed.constant(null, Basic.NULL)
        : compile(c.getElseExpression());
    List<Typed> results = new ArrayList<>(thens);
    results.add(otherwise);
    DataType type = resultType(results, c.toString());
    Evaluator[] then = thens.stream().map(t -> conformed(t, type)).toArray(Evaluator[]::new);
    Evaluator[] when = whens.toArray(Evaluator[]::new);
    Evaluator orElse = conformed(otherwise, type);
    return new Typed(row -> {
      for (int i = 0; i < when.length; i++) {
        if (Boolean.TRUE.equals(when[i].eval(row))) {
          return then[i].eval(row);
        }
      }
      return orElse.eval(row);
    }, type);
  }

  /** One type for all branches: equal types, else the wider number, else string. */
  private static DataType resultType(List<Typed> branches, String text) {
    DataType type = Basic.NULL;
    for (Typed t : branches) {
      if (t.isNullType() || t.type().equals(type)) {
        continue;
      }
      if (type == Basic.NULL) {
        type = t.type();
      } else if (SqlValues.isNumeric(type) && SqlValues.isNumeric(t.type())) {
        type = SqlValues.wider(type, t.type());
      } else {
        type = Basic.STRING;
      }
    }
    return type;
  }

  /** The expression's values converted to the Java class of {@code type}, when its own type differs. */
  static Evaluator conformed(Typed t, DataType type) {
    if (t.type().equals(type) || type == Basic.NULL) {
      return t.evaluator();
    }
    Evaluator e = t.evaluator();
    return row -> SqlValues.cast(e.eval(row), type);
  }

  private Typed cast(CastExpression c) {
    Typed value = compile(c.getLeftExpression());
    DataType target = CastTypes.of(c.getColDataType());
    return new Typed(conformed(value, target), target);
  }

  private Typed function(Function f) {
    List<Typed> args = new ArrayList<>();
    if (f.getParameters() != null) {
      for (Expression p : f.getParameters()) {
        args.add(compile(p));
      }
    }
    Typed result = call(f.getName(), args, f);
    String name = f.getName().toUpperCase(Locale.ROOT);
    if ((name.equals("PARSEDATETIME") || name.equals("TO_DATE"))
        && f.getParameters().get(1) instanceof StringValue format) {
      DataType type = parsedType(format.getValue());
      return new Typed(conformed(result, type), type);
    }
    return result;
  }

  /** As SeaTunnel: a format with year and minutes gives a timestamp, year only a date, minutes only a time. */
  private static DataType parsedType(String format) {
    boolean year = format.contains("yy");
    boolean minutes = format.contains("mm");
    return year == minutes ? Basic.TIMESTAMP : year ? Basic.DATE : Basic.TIME;
  }

  /** {@code TRIM([LEADING | TRAILING | BOTH] [characters] FROM string)} or {@code TRIM(string)}. */
  private Typed trim(TrimFunction t) {
    String name = t.getTrimSpecification() == TrimFunction.TrimSpecification.LEADING ? "LTRIM"
        : t.getTrimSpecification() == TrimFunction.TrimSpecification.TRAILING ? "RTRIM" : "TRIM";
    List<Typed> args = new ArrayList<>();
    if (t.getFromExpression() != null) {
      args.add(compile(t.getFromExpression()));
      if (t.getExpression() != null) {
        args.add(compile(t.getExpression()));
      }
    } else {
      args.add(compile(t.getExpression()));
    }
    return call(name, args, t);
  }

  private Typed call(String name, List<Typed> args, Expression e) {
    SqlFunction fn = SqlFunctions.find(name).orElseThrow(() -> new IllegalArgumentException(
        "function '" + name.toUpperCase(Locale.ROOT) + "' in '" + e + "' is unknown; known functions: "
            + String.join(", ", SqlFunctions.names())));
    if (args.size() < fn.minArgs() || args.size() > fn.maxArgs()) {
      throw new IllegalArgumentException("'" + e + "': " + fn.name() + " takes " + fn.arity() + ", got "
          + args.size());
    }
    DataType type;
    try {
      type = fn.resultType().of(args.stream().map(Typed::type).toList());
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("'" + e + "': " + ex.getMessage(), ex);
    }
    Evaluator[] argEvals = args.stream().map(Typed::evaluator).toArray(Evaluator[]::new);
    SqlFunction.Body body = fn.body();
    boolean strict = fn.strict();
    String text = e.toString();
    return new Typed(row -> {
      Object[] values = new Object[argEvals.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = argEvals[i].eval(row);
        if (strict && values[i] == null) {
          return null;
        }
      }
      try {
        return conform(body.apply(values), type);
      } catch (RuntimeException ex) {
        throw new IllegalArgumentException(text + ": " + ex.getMessage(), ex);
      }
    }, type);
  }

  /** A function's value in the Java class of its declared type (COALESCE(bigint_col, 0) is a Long). */
  private static Object conform(Object value, DataType type) {
    if (value == null || type == Basic.NULL || !(type instanceof Basic || type instanceof DataType.Decimal)) {
      return value;
    }
    if (type instanceof DataType.Decimal) {
      return value instanceof BigDecimal ? value : SqlValues.cast(value, type);
    }
    Class<?> expected = switch ((Basic) type) {
      case STRING -> String.class;
      case BOOLEAN -> Boolean.class;
      case TINYINT -> Byte.class;
      case SMALLINT -> Short.class;
      case INT -> Integer.class;
      case BIGINT -> Long.class;
      case FLOAT -> Float.class;
      case DOUBLE -> Double.class;
      case BYTES -> byte[].class;
      case DATE -> java.time.LocalDate.class;
      case TIME -> java.time.LocalTime.class;
      case TIMESTAMP -> java.time.LocalDateTime.class;
      case NULL -> Object.class;
    };
    return expected.isInstance(value) ? value : SqlValues.cast(value, type);
  }
}
