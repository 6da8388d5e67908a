package io.atoll.runtime.connector.assertion;

/** An Assert rule failed; the message names the rule, the field (or row count) and the value. */
public final class AssertRuleBrokenException extends RuntimeException {
  AssertRuleBrokenException(String message) {
    super(message);
  }
}
