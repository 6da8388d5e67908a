package io.atoll.runtime.config;

import java.util.Locale;
import java.util.Set;

/** What a node does. The names are the Akka Cluster roles the node joins with. */
public enum Role {
  MASTER(Set.of("master")),
  WORKER(Set.of("worker")),
  HYBRID(Set.of("master", "worker"));

  public static final String MASTER_ROLE = "master";
  public static final String WORKER_ROLE = "worker";

  private final Set<String> clusterRoles;

  Role(Set<String> clusterRoles) {
    this.clusterRoles = clusterRoles;
  }

  public Set<String> clusterRoles() {
    return clusterRoles;
  }

  public boolean isMaster() {
    return clusterRoles.contains(MASTER_ROLE);
  }

  public boolean isWorker() {
    return clusterRoles.contains(WORKER_ROLE);
  }

  public static Role parse(String value) {
    try {
      return Role.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown role '" + value + "': expected master, worker or hybrid");
    }
  }
}
