namespace NotaGen.Web.Jobs;

/// <summary>Where a generation job is.</summary>
public enum JobState
{
    Queued,
    Running,
    Done,
    Failed,
    Cancelled,
}
