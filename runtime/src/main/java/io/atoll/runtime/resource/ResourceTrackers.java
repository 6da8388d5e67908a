package io.atoll.runtime.resource;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Extension;
import akka.actor.typed.ExtensionId;

/**
 * The node's {@link ResourceTracker}, one per ActorSystem, at the level of
 * {@code atoll.leak-detection.level}: {@code ResourceTrackers.get(system)}.
 */
public final class ResourceTrackers implements Extension {
  private static final ExtensionId<ResourceTrackers> ID = new ExtensionId<>() {
    @Override
    public ResourceTrackers createExtension(ActorSystem<?> system) {
      String configured = system.settings().config().hasPath("atoll.leak-detection.level")
          ? system.settings().config().getString("atoll.leak-detection.level") : "simple";
      return new ResourceTrackers(new ResourceTracker(system.address().toString(),
          LeakDetectionLevel.parse(configured)));
    }
  };

  private final ResourceTracker tracker;

  private ResourceTrackers(ResourceTracker tracker) {
    this.tracker = tracker;
  }

  public static ResourceTracker get(ActorSystem<?> system) {
    return system.registerExtension(ID).tracker;
  }
}
