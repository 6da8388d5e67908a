package io.atoll.runtime.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * For the per-job SiftingAppender of conf/logback.xml: lets through only lines logged for a job
 * (with {@link JobLogs#MDC_KEY} in the MDC), so the node's other lines make no {@code job-none.log}.
 */
public final class JobLogFilter extends Filter<ILoggingEvent> {
  @Override
  public FilterReply decide(ILoggingEvent event) {
    String jobId = event.getMDCPropertyMap().get(JobLogs.MDC_KEY);
    return jobId == null || jobId.isEmpty() ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
