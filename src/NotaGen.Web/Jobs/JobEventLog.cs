namespace NotaGen.Web.Jobs;

/// <summary>
/// The events of one job in order, readable from any position and awaitable for the next one: a listener that
/// connects late (or reconnects) gets everything from the start, then waits for more.
/// </summary>
public sealed class JobEventLog
{
    private readonly object _gate = new();
    private readonly List<JobEvent> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(JobEvent item)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (_events.Count > 0 && _events[^1].IsFinal)
                return;
            _events.Add(item);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.SetResult();
    }

    /// <summary>The events from <paramref name="from"/> on, waiting until there is at least one.</summary>
    public async Task<IReadOnlyList<JobEvent>> ReadAsync(int from, CancellationToken cancellation)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (from < _events.Count)
                    return _events.GetRange(from, _events.Count - from);
                changed = _changed.Task;
            }
            await changed.WaitAsync(cancellation);
        }
    }

    public IReadOnlyList<JobEvent> Snapshot()
    {
        lock (_gate)
            return _events.ToList();
    }
}
