using Microsoft.Extensions.Hosting;
using NotaGen.Web.Requests;
using NotaGen.Web.Settings;

namespace NotaGen.Web.Jobs;

/// <summary>
/// One generation at a time, on one thread of its own; later requests wait in order and are told their position
/// whenever it changes. A full queue refuses new requests instead of overloading the machine. Finished jobs are kept
/// (for late listeners) up to a bound, oldest dropped first, so memory stays flat however long the server runs.
/// </summary>
public sealed class GenerationQueue(IJobWorker worker, ServerSettings settings) : IHostedService, IDisposable
{
    private const int FinishedJobsKept = 256;

    private readonly object _gate = new();
    private readonly LinkedList<GenerationJob> _waiting = new();
    private readonly Dictionary<string, GenerationJob> _jobs = [];
    private readonly Queue<GenerationJob> _finished = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private Thread? _thread;
    private int _running;
    private int _disposed;

    /// <summary>Most generations ever running at once (the queue holds when this stays 1).</summary>
    public int PeakRunning { get; private set; }

    public int Completed { get; private set; }

    public int Rejected { get; private set; }

    /// <summary>Queues a request: the job and its position (0 = next to run), or null when the queue is full.</summary>
    public (GenerationJob Job, int Position)? Submit(WebPieceRequest request)
    {
        lock (_gate)
        {
            if (_waiting.Count >= settings.MaxQueue + (_running == 0 ? 1 : 0))
            {
                Rejected++;
                return null;
            }
            var job = new GenerationJob(request);
            _jobs[job.Id] = job;
            _waiting.AddLast(job);
            var position = _waiting.Count - 1 + _running;
            job.Queued(position);
            _available.Release();
            return (job, position);
        }
    }

    public GenerationJob? Find(string id)
    {
        lock (_gate)
            return _jobs.GetValueOrDefault(id);
    }

    /// <summary>Stops a job: a waiting one leaves the queue, a running one is cancelled between two patches.</summary>
    public bool Cancel(string id)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(id, out var job) || job.IsFinished)
                return false;
            if (job.State == JobState.Queued && _waiting.Remove(job))
            {
                job.Cancelled("stopped while waiting");
                Retire(job);
                AnnouncePositions();
                return true;
            }
            job.RequestCancel();
            return true;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        worker.Load(); // a bad model stops the server here, not at the first request
        _thread = new Thread(Work) { IsBackground = true, Name = "notagen-generation" };
        _thread.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        lock (_gate)
        {
            foreach (var job in _jobs.Values.Where(j => !j.IsFinished))
                job.RequestCancel();
        }
        _thread?.Join(TimeSpan.FromSeconds(30));
        return Task.CompletedTask;
    }

    private void Work()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                _available.Wait(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            GenerationJob? job;
            lock (_gate)
            {
                job = _waiting.First?.Value;
                if (job is null)
                    continue; // it was cancelled while waiting
                _waiting.RemoveFirst();
                _running++;
                PeakRunning = Math.Max(PeakRunning, _running);
                job.Start();
                AnnouncePositions();
            }
            worker.Run(job);
            lock (_gate)
            {
                _running--;
                if (job.State == JobState.Done)
                    Completed++;
                Retire(job);
                AnnouncePositions();
            }
        }
        lock (_gate)
        {
            foreach (var job in _waiting)
                job.Cancelled("the server is shutting down");
            _waiting.Clear();
        }
    }

    /// <summary>Tells every waiting job its place: how many jobs are ahead of it (the running one included).</summary>
    private void AnnouncePositions()
    {
        var position = _running;
        foreach (var job in _waiting)
            job.Queued(position++);
    }

    private void Retire(GenerationJob job)
    {
        _finished.Enqueue(job);
        while (_finished.Count > FinishedJobsKept)
        {
            var old = _finished.Dequeue();
            _jobs.Remove(old.Id);
            old.Dispose();
        }
    }

    public void Dispose()
    {
        // The container disposes this twice (as itself and as the hosted service).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _stopping.Cancel();
        _thread?.Join(TimeSpan.FromSeconds(30));
        _available.Dispose();
        _stopping.Dispose();
    }
}
