package io.atoll.runtime.connector.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.protocol.data.Row;
import io.atoll.runtime.connector.PluginHarness;
import io.atoll.runtime.connector.TestingEnumeratorContext;
import io.atoll.runtime.connector.TestingReaderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The reader and enumerator driven by hand, where the harness would hide timing and restore. */
class FakeReaderTest {
  private final AtomicLong nanos = new AtomicLong();

  private Source source(String hocon) {
    return new FakeSourceFactory(nanos::get, FakeSourceTest.JUNE_2031).createSource(ConfigFactory.parseString(hocon));
  }

  private static List<Row> drain(SourceReader reader, TestingReaderContext context) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 1000 && !context.finished(); i++) {
      reader.pollNext(rows::add);
    }
    assertTrue(context.finished(), "reader finished");
    return rows;
  }

  @Test
  void aSplitRestoredAtAnOffsetYieldsTheSameRemainingRows() throws Exception {
    Source source = source(FakeSourceTest.ALL_TYPES + "\nrow.num = 10\n");
    FakeSplit whole = new FakeSplit(5, 0, 10, 2031);

    TestingReaderContext first = new TestingReaderContext(PluginHarness.JOB, 0, 1);
    SourceReader reader = source.createReader(first);
    reader.addSplits(List.of(whole.toSourceSplit()));
    reader.handleNoMoreSplits();
    List<Row> all = drain(reader, first);

    TestingReaderContext second = new TestingReaderContext(PluginHarness.JOB, 0, 1);
    SourceReader restored = source.createReader(second);
    SourceSplit resumed = whole.resumeAt(7).toSourceSplit();
    assertEquals("7", resumed.attribute(FakeSplit.START), "the offset travels in the split's attributes");
    restored.addSplits(List.of(resumed));
    restored.handleNoMoreSplits();
    assertEquals(all.subList(7, 10), drain(restored, second));
  }

  @Test
  void aReaderRestoredFromItsSnapshotEmitsExactlyTheRowsItHadNotEmitted() throws Exception {
    Source source = source(FakeSourceTest.ALL_TYPES + "\nrow.num = 2500\nsplit.num = 2\n");
    List<SourceSplit> splits = List.of(new FakeSplit(0, 0, 1250, 2031).toSourceSplit(),
        new FakeSplit(2, 0, 1250, 2031).toSourceSplit());

    TestingReaderContext uninterrupted = new TestingReaderContext(PluginHarness.JOB, 0, 1);
    SourceReader whole = source.createReader(uninterrupted);
    whole.addSplits(splits);
    whole.handleNoMoreSplits();
    List<Row> all = drain(whole, uninterrupted);
    assertEquals(2500, all.size());

    TestingReaderContext first = new TestingReaderContext(PluginHarness.JOB, 0, 1);
    SourceReader reader = source.createReader(first);
    reader.addSplits(splits);
    reader.handleNoMoreSplits();
    List<Row> before = new ArrayList<>();
    reader.pollNext(before::add); // 1000 rows of the first split
    reader.pollNext(before::add); // its last 250
    reader.pollNext(before::add); // 1000 of the second
    List<SourceSplit> snapshot = reader.snapshotState(1);
    assertEquals(List.of(new FakeSplit(2, 1000, 1250, 2031).toSourceSplit()), snapshot);

    TestingReaderContext second = new TestingReaderContext(PluginHarness.JOB, 0, 1);
    SourceReader restored = source.createReader(second);
    restored.addSplits(snapshot);
    restored.handleNoMoreSplits();
    List<Row> after = drain(restored, second);
    List<Row> joined = new ArrayList<>(before);
    joined.addAll(after);
    assertEquals(all, joined, "before the checkpoint + after the restore = one uninterrupted run");
  }

  @Test
  void rowsDependOnSplitAndOffsetNotOnBatching() {
    FakeSettings settings = FakeSettingsReader.read(ConfigFactory.parseString(FakeSourceTest.ALL_TYPES), new ArrayList<>());
    FakeRowGenerator a = new FakeRowGenerator(settings);
    FakeRowGenerator b = new FakeRowGenerator(settings);
    FakeSplit split = new FakeSplit(3, 0, 100, 2031);
    assertEquals(a.row(split, 42), b.row(split, 42));
    assertFalse(a.row(split, 42).equals(a.row(split, 43)));
    assertFalse(a.row(split, 42).equals(a.row(new FakeSplit(4, 0, 100, 2031), 42)));
  }

  @Test
  void waitsTheReadIntervalBetweenSplitsWithoutSleeping() throws Exception {
    Source source = source("""
        schema { fields { id = int } }
        row.num = 4
        split.num = 2
        split.read-interval = 10
        """);
    TestingReaderContext context = new TestingReaderContext(PluginHarness.JOB, 0, 1);
    SourceReader reader = source.createReader(context);
    reader.addSplits(List.of(new FakeSplit(0, 0, 2, 2031).toSourceSplit(), new FakeSplit(1, 0, 2, 2031).toSourceSplit()));
    reader.handleNoMoreSplits();
    List<Row> rows = new ArrayList<>();

    reader.pollNext(rows::add);
    assertEquals(2, rows.size(), "the first split starts at once");
    reader.pollNext(rows::add);
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(9));
    reader.pollNext(rows::add);
    assertEquals(2, rows.size(), "nothing before the interval has passed");
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
    reader.pollNext(rows::add);
    assertEquals(4, rows.size(), "the second split after 10 ms");
    reader.pollNext(rows::add);
    assertTrue(context.finished(), "no wait after the last split");
    assertEquals(1, context.noMoreElementSignals());
  }

  @Test
  void harnessRunWaitsForTheIntervalOnTheTestClock() throws Exception {
    PluginHarness.Result result = PluginHarness.source(new FakeSourceFactory(nanos::get, FakeSourceTest.JUNE_2031), """
            schema { fields { id = int } }
            row.num = 6
            split.num = 3
            split.read-interval = 5
            """)
        .eachRound(() -> nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1)))
        .run();
    assertEquals(6, result.rows().size());
    assertTrue(nanos.get() >= TimeUnit.MILLISECONDS.toNanos(10), "two pauses of 5 ms, got " + nanos.get());
  }

  @Test
  void splitsGivenBackGoToTheReaderThatAsksAgain() throws Exception {
    Source source = source("""
        schema { fields { id = int } }
        row.num = 4
        split.num = 2
        """);
    TestingEnumeratorContext context = new TestingEnumeratorContext(PluginHarness.JOB, 2);
    var enumerator = source.createEnumerator(context);
    enumerator.open();
    enumerator.registerReader(1);
    enumerator.handleSplitRequest(1);
    TestingEnumeratorContext.Event assignment = context.poll(1);
    assertEquals(List.of("fake-1", "fake-3"), assignment.splits().stream().map(SourceSplit::splitId).toList());
    assertTrue(context.poll(1).noMoreSplits());

    enumerator.addSplitsBack(assignment.splits(), 1);
    enumerator.handleSplitRequest(1);
    assertEquals(assignment.splits(), context.poll(1).splits());
    assertTrue(context.poll(1).noMoreSplits());
  }
}
