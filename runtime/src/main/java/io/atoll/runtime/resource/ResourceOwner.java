package io.atoll.runtime.resource;

/**
 * Who holds a tracked resource: the node itself ({@link #node()}), a job on this node
 * ({@link #job}), or one task group of a job ({@link #task}). When an owner ends, what it still
 * holds is a leak; when a job ends, so is what any of its task groups still holds.
 *
 * @param jobId 0 for the node
 * @param scope what part of the job: "job", or "pipeline P task group T attempt A"
 */
public record ResourceOwner(long jobId, String scope) {
  private static final ResourceOwner NODE = new ResourceOwner(0, "node");

  public static ResourceOwner node() {
    return NODE;
  }

  public static ResourceOwner job(long jobId) {
    return new ResourceOwner(jobId, "job");
  }

  public static ResourceOwner task(long jobId, int pipelineId, int taskGroup, int attempt) {
    return new ResourceOwner(jobId, "pipeline " + pipelineId + " task group " + taskGroup + " attempt " + attempt);
  }

  public boolean isNode() {
    return jobId == 0;
  }

  @Override
  public String toString() {
    return isNode() ? "node" : scope.equals("job") ? "job " + jobId : "job " + jobId + " " + scope;
  }
}
