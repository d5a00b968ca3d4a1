using System.Numerics;

namespace NotaGen.Modeling.Inference;

/// <summary>
/// <see cref="HostMath.MatMul"/> with its output columns split between the calling thread and thread-pool threads.
/// Why: a one-position step of NotaGen-small reads ~28 MB of weights per layer and does little arithmetic on them, so
/// one core's memory bandwidth bounds it; a second core reading the other half of each weight row nearly doubles it.
/// Results are bit-identical for every thread count (each output element is computed exactly as by one thread).
/// The caller never waits for a part nobody has started: parts are claimed, and the caller claims and runs whatever a
/// pool thread has not picked up by the time its own part is done, so on a busy machine this degrades to one thread
/// rather than stalling on the scheduler. One instance serves one caller at a time (a decoder step is sequential).
/// </summary>
internal sealed class HostParallelMatMul : IThreadPoolWorkItem
{
    // Below this many multiply-adds (2 MB of weights) a hand-off costs about what the half it saves: the tiny presets and
    // the 768 × 128 LM head stay on one thread, every product of NotaGen-small's layers is split.
    private const long MinimumWork = 512 * 1024;

    private readonly int threads;
    private ReadOnlyMemory<float> x, w, bias;
    private Memory<float> y;
    private int rows, inputs, outputs, parts, width;
    private bool accumulate;
    private int next;       // next part to claim (claims past `parts` do nothing)
    private int finished;   // parts done

    /// <param name="threads">Threads that share a product (1: the caller alone).</param>
    public HostParallelMatMul(int threads)
    {
        if (threads < 1)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "A matrix product needs at least one thread.");
        this.threads = threads;
    }

    public int Threads => threads;

    /// <summary>As <see cref="HostMath.MatMul"/>: y[r, :] (+)= x[r, :] · w + bias, w [in, out] row-major.</summary>
    public void Run(ReadOnlyMemory<float> x, int rows, ReadOnlyMemory<float> w, ReadOnlyMemory<float> bias, Memory<float> y,
        int inputs, int outputs, bool accumulate)
    {
        var lanes = Vector<float>.Count;
        var split = Math.Min(threads, outputs / lanes);
        if (split < 2 || (long)rows * inputs * outputs < MinimumWork)
        {
            HostMath.MatMul(x.Span, rows, w.Span, bias.Span, y.Span, inputs, outputs, accumulate);
            return;
        }
        (this.x, this.w, this.bias, this.y) = (x, w, bias, y);
        (this.rows, this.inputs, this.outputs, this.accumulate) = (rows, inputs, outputs, accumulate);
        parts = split;
        // Part boundaries on whole vectors, so every element takes the vector or the scalar path as in the whole product.
        width = (outputs / lanes + split - 1) / split * lanes;
        Volatile.Write(ref finished, 0);
        Volatile.Write(ref next, 0);   // publishes the fields above to whoever claims a part
        for (var p = 1; p < split; p++)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        RunParts();
        var wait = new SpinWait();
        while (Volatile.Read(ref finished) < split)
            wait.SpinOnce(sleep1Threshold: -1);
        (this.x, this.w, this.bias, this.y) = (default, default, default, default);
    }

    // A pool thread's turn; a stale item from an earlier product finds every part claimed and returns.
    void IThreadPoolWorkItem.Execute() => RunParts();

    private void RunParts()
    {
        int part;
        while ((part = Interlocked.Increment(ref next) - 1) < parts)
        {
            var first = part * width;
            var count = Math.Min(width, outputs - first);
            if (count > 0)
                HostMath.MatMulColumns(x.Span, rows, w.Span, bias.Span, y.Span, inputs, outputs, accumulate, first, count);
            Interlocked.Increment(ref finished);
        }
    }
}
