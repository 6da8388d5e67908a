package io.atoll.runtime.connector;

import akka.actor.typed.Behavior;
import akka.actor.typed.BehaviorInterceptor;
import akka.actor.typed.Signal;
import akka.actor.typed.TypedActorContext;
import java.util.function.Supplier;

/**
 * Makes a job's plugin class loader the context class loader of the thread that runs an actor's
 * start, messages and signals, and puts the thread's own back afterwards: dispatcher threads are
 * shared by every job, and one left with a closed job's loader would keep it from being collected.
 */
final class ContextLoaderInterceptor<T> extends BehaviorInterceptor<T, T> {
  private final ClassLoader loader;

  @SuppressWarnings("unchecked")
  ContextLoaderInterceptor(ClassLoader loader) {
    super((Class<T>) (Class<?>) Object.class);
    this.loader = loader;
  }

  @Override
  public Behavior<T> aroundStart(TypedActorContext<T> ctx, PreStartTarget<T> target) {
    return with(() -> target.start(ctx));
  }

  @Override
  public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
    return with(() -> target.apply(ctx, msg));
  }

  @Override
  public Behavior<T> aroundSignal(TypedActorContext<T> ctx, Signal signal, SignalTarget<T> target) {
    return with(() -> target.apply(ctx, signal));
  }

  @Override
  public boolean isSame(BehaviorInterceptor<Object, Object> other) {
    return other instanceof ContextLoaderInterceptor<?> same && same.loader == loader;
  }

  private Behavior<T> with(Supplier<Behavior<T>> body) {
    Thread thread = Thread.currentThread();
    ClassLoader own = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return body.get();
    } finally {
      thread.setContextClassLoader(own);
    }
  }
}
