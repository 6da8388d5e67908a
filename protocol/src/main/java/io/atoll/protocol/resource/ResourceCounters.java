package io.atoll.protocol.resource;

import io.atoll.protocol.WireMessage;

/**
 * What the ResourceManager counted since it started (a failover starts them again at zero, as a
 * Prometheus counter reset).
 *
 * @param heartbeats heartbeats received
 * @param staleHeartbeats heartbeats whose slot state was older than the one already known (late)
 * @param slotRequestsGranted slot requests answered with all their slots
 * @param slotRequestsRefused slot requests answered with none (too few free slots, a worker
 *     refused, a confirmation timed out, a worker was lost)
 * @param workersLost workers dropped after silence or removal from the cluster
 * @param fencedCommands commands workers refused (a wrong sequence id, or a task command for a slot,
 *     job, attempt or task group they do not hold), as their heartbeats report
 */
public record ResourceCounters(
    long heartbeats,
    long staleHeartbeats,
    long slotRequestsGranted,
    long slotRequestsRefused,
    long workersLost,
    long fencedCommands)
    implements WireMessage {}
