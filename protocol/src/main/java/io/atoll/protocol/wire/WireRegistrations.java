package io.atoll.protocol.wire;

import java.util.function.BiConsumer;

/**
 * Lets a module that {@code protocol} cannot depend on (e.g. {@code persistence}, whose journal
 * events are wire types too) add its classes to {@link WireRegistry}. Found with
 * {@link java.util.ServiceLoader}; each provider owns a block of ids given in its comment, and the
 * registry refuses a class or id registered twice.
 */
public interface WireRegistrations {
  /** Calls {@code register} once per class with its stable id. */
  void register(BiConsumer<Class<?>, Integer> register);
}
