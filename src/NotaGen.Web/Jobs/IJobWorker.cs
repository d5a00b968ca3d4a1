namespace NotaGen.Web.Jobs;

/// <summary>
/// What the queue's one thread runs: <see cref="Load"/> once when the server starts, <see cref="Run"/> for each job in
/// turn. The queue knows jobs, not how a piece is made; the workshop (<c>Web/Generation</c>) implements this.
/// </summary>
public interface IJobWorker
{
    /// <summary>Prepares the work (loads the model), so that a bad setup stops the server at start.</summary>
    void Load();

    /// <summary>Does the job, reporting through its events and state; never throws.</summary>
    void Run(GenerationJob job);
}
