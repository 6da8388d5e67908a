package io.atoll.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class JobLogsTest {
  @AfterEach
  void clear() {
    MDC.remove(JobLogs.MDC_KEY);
  }

  @Test
  void workRunsWithTheJobIdAndTheMdcIsPutBackAfterwards() {
    assertEquals("7", JobLogs.call(7, () -> MDC.get(JobLogs.MDC_KEY)));
    assertNull(MDC.get(JobLogs.MDC_KEY), "nothing was there before");
    MDC.put(JobLogs.MDC_KEY, "5");
    assertEquals("8", JobLogs.call(5, () -> JobLogs.call(8, () -> MDC.get(JobLogs.MDC_KEY))), "the inner job's");
    assertEquals("5", MDC.get(JobLogs.MDC_KEY), "the outer job's again");
  }

  @Test
  void theMdcIsPutBackWhenTheWorkFails() {
    assertThrows(IllegalStateException.class, () -> JobLogs.run(9, () -> {
      throw new IllegalStateException("boom");
    }));
    assertNull(MDC.get(JobLogs.MDC_KEY));
  }
}
