package io.atoll.runtime.cli;

/**
 * Why a cluster command could not do its work: the cluster cannot be reached, or answered in a
 * way the command cannot use. The message is one line for the user, printed without a stack
 * trace: a network failure is an expected condition of a client, not a bug.
 */
final class ClusterException extends RuntimeException {
  ClusterException(String message) {
    super(message, null, false, false);
  }
}
