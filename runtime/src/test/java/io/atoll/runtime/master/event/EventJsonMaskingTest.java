package io.atoll.runtime.master.event;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.event.EventType;
import io.atoll.protocol.event.JobEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events posted over HTTP carry no password of a URL in their reason. */
class EventJsonMaskingTest {
  @Test
  void aReasonWithAUrlPasswordIsPostedMasked() {
    String posted = new String(EventJson.array(List.of(JobEvent.pipeline(EventType.PIPELINE_FAILED, 7, 1,
        "cannot connect to jdbc:postgresql://db/x?user=u&password=Hunter2x or mysql://u:Hunter2y@db/x"))),
        StandardCharsets.UTF_8);
    assertFalse(posted.contains("Hunter2"), posted);
    assertTrue(posted.contains("jdbc:postgresql://db/x?user=u&password=******"), posted);
  }
}
