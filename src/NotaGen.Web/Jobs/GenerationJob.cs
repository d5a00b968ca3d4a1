using System.Diagnostics;
using System.Text.Json.Nodes;
using NotaGen.Web.Requests;

namespace NotaGen.Web.Jobs;

/// <summary>
/// One request for a piece as it moves through the queue: its id (made by the server), what was asked, its events,
/// and the token the stop button cancels.
/// </summary>
public sealed class GenerationJob : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public GenerationJob(WebPieceRequest request)
    {
        Request = request;
    }

    /// <summary>32 hexadecimal digits; the only way a request names a job.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N");

    public WebPieceRequest Request { get; }

    public JobEventLog Events { get; } = new();

    public JobState State { get; private set; } = JobState.Queued;

    /// <summary>The finished piece's id once <see cref="State"/> is <see cref="JobState.Done"/>.</summary>
    public string? PieceId { get; private set; }

    /// <summary>Time from submission to the start of its generation (the wait in the queue).</summary>
    public TimeSpan? Waited { get; private set; }

    public CancellationToken Cancellation => _cancellation.Token;

    public bool IsFinished => State is JobState.Done or JobState.Failed or JobState.Cancelled;

    /// <summary>Jobs ahead of this one while it waits; reported only when it changes.</summary>
    public int? Position { get; private set; }

    public void Queued(int position)
    {
        if (Position == position)
            return;
        Position = position;
        Events.Add(new JobEvent("queued", new JsonObject { ["position"] = position }));
    }

    public void Start()
    {
        State = JobState.Running;
        Position = null;
        Waited = _clock.Elapsed;
        Events.Add(new JobEvent("started", new JsonObject { ["waited_seconds"] = Math.Round(Waited.Value.TotalSeconds, 3) }));
    }

    public void Complete(string pieceId, JsonObject summary)
    {
        PieceId = pieceId;
        State = JobState.Done;
        summary["piece"] = pieceId;
        Events.Add(new JobEvent("done", summary));
    }

    public void Fail(string reason)
    {
        State = JobState.Failed;
        Events.Add(new JobEvent("failed", new JsonObject { ["reason"] = reason }));
    }

    public void Cancelled(string reason)
    {
        State = JobState.Cancelled;
        Events.Add(new JobEvent("cancelled", new JsonObject { ["reason"] = reason }));
    }

    /// <summary>Asks the running generation to stop (the stop button).</summary>
    public void RequestCancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Finished and disposed: nothing left to stop.
        }
    }

    public void Dispose() => _cancellation.Dispose();
}
