package io.atoll.runtime.resource;

import io.atoll.protocol.connector.ResourceScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every resource a node's jobs take, with its owner and, when leak detection is on, the place it
 * was taken: C's malloc hooks that remember {@code __FILE__}/{@code __LINE__}, for the resources a
 * JVM cluster runtime leaks (slots, plugin classloaders, threads, files, connections, temp files,
 * native libraries).
 *
 * <p>{@link #acquire} registers an entry and returns its {@link Handle}; {@link Handle#release}
 * removes it, and a second release is reported as a double release. When an owner ends
 * ({@link #ownerEnded}, {@link #jobEnded}, {@link #nodeStopping}) every entry it still holds is a
 * leak: logged once at WARN with kind, owner, age and allocation site, counted by kind, kept in a
 * bounded list ({@link #KEEP_LEAKS}), and reclaimed where the entry says how.
 *
 * <p>Thread-safe; one per node ({@link ResourceTrackers}). The level changes at runtime
 * ({@link #setLevel}); an entry keeps the site recorded (or not) when it was taken.
 */
public final class ResourceTracker {
  /** At level SIMPLE, the allocation site of one acquisition in this many is recorded. */
  public static final int SIMPLE_SAMPLE = 16;
  /** Leaks kept for {@code GET /leaks}; older ones are dropped from the list (still counted). */
  public static final int KEEP_LEAKS = 256;
  /** Frames of an allocation site kept, from the first one outside the tracker. */
  public static final int SITE_FRAMES = 12;

  private static final Logger log = LoggerFactory.getLogger(ResourceTracker.class);
  private static final StackWalker WALKER = StackWalker.getInstance();

  private final Map<Long, Entry> live = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong acquisitions = new AtomicLong();
  private final Map<String, LongAdder> leakCounts = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> doubleReleases = new ConcurrentHashMap<>();
  private final Deque<Leak> leaks = new ArrayDeque<>();
  private final LongSupplier clock;
  private final String node;
  private volatile LeakDetectionLevel level;

  public ResourceTracker(String node, LeakDetectionLevel level) {
    this(node, level, System::currentTimeMillis);
  }

  ResourceTracker(String node, LeakDetectionLevel level, LongSupplier clock) {
    this.node = node;
    this.level = level;
    this.clock = clock;
  }

  public LeakDetectionLevel level() {
    return level;
  }

  /** Takes effect for the next acquisitions; logged at INFO. */
  public void setLevel(LeakDetectionLevel newLevel) {
    LeakDetectionLevel old = level;
    level = newLevel;
    if (old != newLevel) {
      log.info("Leak detection on {}: {} -> {}", node, old.configName(), newLevel.configName());
    }
  }

  /**
   * Registers a resource held by {@code owner}.
   *
   * @param size bytes or another measure where meaningful, else 0
   * @param reclaim releases it when its owner ends still holding it; null when that is not safe
   */
  public Handle acquire(String kind, ResourceOwner owner, String description, long size, AutoCloseable reclaim) {
    long n = acquisitions.incrementAndGet();
    LeakDetectionLevel now = level;
    List<String> site = now == LeakDetectionLevel.PARANOID || (now == LeakDetectionLevel.SIMPLE && n % SIMPLE_SAMPLE == 1)
        ? site() : null;
    Entry entry = new Entry(ids.incrementAndGet(), kind, owner, description, size, clock.getAsLong(), site, reclaim);
    live.put(entry.id, entry);
    return new Handle(entry);
  }

  /** A {@link ResourceScope} for plugin code that registers under {@code owner}. */
  public ResourceScope scope(ResourceOwner owner) {
    return (kind, description, reclaim) -> acquire(kind, owner, description, 0, reclaim)::release;
  }

  /** The owner ended: what it still holds is leaked. */
  public List<Leak> ownerEnded(ResourceOwner owner, String how) {
    return leak(e -> e.owner.equals(owner), how);
  }

  /** The job ended on this node: what it or any of its task groups still holds is leaked. */
  public List<Leak> jobEnded(long jobId, String how) {
    return leak(e -> e.owner.jobId() == jobId, how);
  }

  /**
   * The job ended, as far as resources of the kinds {@code kinds} accepts go: what it still holds of
   * them on this node is leaked. One node can play two roles for a job whose ends come at different
   * times: a master checks its slot assignments when the job's terminal state is recorded, a worker
   * checks the rest when the job neither runs nor holds a slot there (and must not take the
   * master's assignments on the same node for its own: they may still be due back).
   */
  public List<Leak> jobEnded(long jobId, String how, Predicate<String> kinds) {
    return leak(e -> e.owner.jobId() == jobId && kinds.test(e.kind), how);
  }

  /** The node stops: what the node itself still holds is leaked. */
  public List<Leak> nodeStopping() {
    return leak(e -> e.owner.isNode(), "node stopping");
  }

  /**
   * A leak the runtime found rather than was told of (a thread a plugin started and left running):
   * registered and leaked in one step, with the site it was found to come from (e.g. that thread's
   * current stack), recorded at every level since finding it cost the walk already.
   *
   * @param site the frames that show where it comes from, outermost last; null when unknown
   * @param outcome what the runtime did about it
   */
  public Leak found(String kind, ResourceOwner owner, String description, List<String> site, String how,
      String outcome) {
    long now = clock.getAsLong();
    List<String> kept = site == null ? null : List.copyOf(site.subList(0, Math.min(site.size(), SITE_FRAMES)));
    Entry e = new Entry(ids.incrementAndGet(), kind, owner, description, 0, now, kept, null);
    return record(e, how, outcome, now);
  }

  private List<Leak> leak(Predicate<Entry> match, String how) {
    List<Leak> found = new ArrayList<>();
    List<Entry> ended = live.values().stream().filter(match).sorted(Comparator.comparingLong(e -> e.id)).toList();
    long now = clock.getAsLong();
    for (Entry e : ended) {
      if (live.remove(e.id) == null) {
        continue; // released meanwhile
      }
      e.reclaimed.set(true);
      found.add(record(e, how, reclaim(e), now));
    }
    return found;
  }

  private Leak record(Entry e, String how, String outcome, long now) {
    Leak leak = new Leak(node, e.kind, e.owner.toString(), e.description, e.size, now - e.acquiredAt, e.site,
        outcome, how, now);
    keep(leak);
    log.warn("Leak on {}: {} '{}' still held by {} when it ended ({}), {} ms after it was taken; {}; allocated {}",
        node, e.kind, e.description, e.owner, how, leak.ageMillis(), outcome, siteText(e.site));
    return leak;
  }

  /**
   * A resource its owner released but that is still held from elsewhere (a closed class loader a
   * live thread keeps reachable): a leak like those found when an owner ends, but with the site
   * that holds it instead of the allocation site.
   *
   * @param holdingSite who holds it now, e.g. a thread's name and stack
   */
  public Leak leaked(Entry e, List<String> holdingSite, String outcome, String how) {
    long now = clock.getAsLong();
    Leak leak = new Leak(node, e.kind, e.owner.toString(), e.description, e.size, now - e.acquiredAt,
        List.copyOf(holdingSite), outcome, how, now);
    keep(leak);
    log.warn("Leak on {}: {} '{}' of {} released but {}, {} ms after it was taken; {}; held {}",
        node, e.kind, e.description, e.owner, how, leak.ageMillis(), outcome, siteText(holdingSite));
    return leak;
  }

  private void keep(Leak leak) {
    leakCounts.computeIfAbsent(leak.kind(), k -> new LongAdder()).increment();
    synchronized (leaks) {
      leaks.addLast(leak);
      while (leaks.size() > KEEP_LEAKS) {
        leaks.removeFirst();
      }
    }
  }

  private static String reclaim(Entry e) {
    if (e.reclaim == null) {
      return "left as it is (the runtime cannot release it safely)";
    }
    try {
      e.reclaim.close();
      return "released by the runtime";
    } catch (Exception | LinkageError failure) {
      return "releasing it failed: " + failure;
    }
  }

  /** Live entries, leaks and counts now. */
  public Report report() {
    Map<String, Integer> liveByKind = new TreeMap<>();
    Map<String, Long> bytesByKind = new TreeMap<>();
    for (Entry e : live.values()) {
      liveByKind.merge(e.kind, 1, Integer::sum);
      bytesByKind.merge(e.kind, e.size, Long::sum);
    }
    List<Leak> kept;
    synchronized (leaks) {
      kept = List.copyOf(leaks);
    }
    return new Report(node, level, liveByKind, bytesByKind, totals(leakCounts), totals(doubleReleases), kept);
  }

  /** Live entries of one owner (or all, with null), oldest first; for tests and diagnostics. */
  public List<Entry> live(ResourceOwner owner) {
    return live.values().stream().filter(e -> owner == null || e.owner.equals(owner))
        .sorted(Comparator.comparingLong(e -> e.id)).toList();
  }

  private static Map<String, Long> totals(Map<String, LongAdder> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private void doubleRelease(Entry e) {
    if (e.reclaimed.get()) {
      log.debug("{} '{}' of {} released by its owner after the runtime reclaimed it as a leak", e.kind,
          e.description, e.owner);
      return;
    }
    doubleReleases.computeIfAbsent(e.kind, k -> new LongAdder()).increment();
    log.warn("Double release on {}: {} '{}' of {} was released already; released again {}; allocated {}",
        node, e.kind, e.description, e.owner, siteText(site()), siteText(e.site));
  }

  /** The caller's stack, from the first frame outside this package, at most {@link #SITE_FRAMES} frames. */
  static List<String> site() {
    return WALKER.walk(frames -> frames
        .dropWhile(f -> f.getClassName().startsWith(ResourceTracker.class.getPackageName() + ".")
            && !f.getClassName().endsWith("Test"))
        .limit(SITE_FRAMES)
        .map(StackWalker.StackFrame::toStackTraceElement)
        .map(StackTraceElement::toString)
        .toList());
  }

  static String siteText(List<String> site) {
    if (site == null) {
      return "at an unrecorded site (leak detection was off, or the acquisition was not sampled)";
    }
    return "at\n\t" + String.join("\n\t", site);
  }

  /** One registration; release it exactly once. */
  public final class Handle {
    private final Entry entry;
    private final AtomicBoolean released = new AtomicBoolean();

    private Handle(Entry entry) {
      this.entry = entry;
    }

    public void release() {
      if (released.compareAndSet(false, true)) {
        live.remove(entry.id);
      } else {
        doubleRelease(entry);
      }
    }

    public Entry entry() {
      return entry;
    }
  }

  /** A live registration. */
  public static final class Entry {
    final long id;
    final String kind;
    final ResourceOwner owner;
    final String description;
    final long size;
    final long acquiredAt;
    final List<String> site;
    final AutoCloseable reclaim;
    final AtomicBoolean reclaimed = new AtomicBoolean();

    Entry(long id, String kind, ResourceOwner owner, String description, long size, long acquiredAt,
        List<String> site, AutoCloseable reclaim) {
      this.id = id;
      this.kind = kind;
      this.owner = owner;
      this.description = description;
      this.size = size;
      this.acquiredAt = acquiredAt;
      this.site = site;
      this.reclaim = reclaim;
    }

    public String kind() {
      return kind;
    }

    public ResourceOwner owner() {
      return owner;
    }

    public String description() {
      return description;
    }

    /** The allocation site, or null when it was not recorded. */
    public List<String> site() {
      return site;
    }
  }

  /**
   * A resource its owner still held when it ended.
   *
   * @param site the allocation site, or null when it was not recorded
   * @param outcome what the runtime did about it
   * @param how how the owner ended (e.g. "job FINISHED", "task group CANCELED")
   */
  public record Leak(String node, String kind, String owner, String description, long size, long ageMillis,
      List<String> site, String outcome, String how, long detectedAt) {}

  /** The tracker's figures now. */
  public record Report(String node, LeakDetectionLevel level, Map<String, Integer> liveByKind,
      Map<String, Long> liveSizeByKind, Map<String, Long> leaksByKind, Map<String, Long> doubleReleasesByKind,
      List<Leak> leaks) {}
}
