using NotaGen.Modeling.Configuration;
using NotaGen.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Generation.Decoding;

/// <summary>
/// The patch-level contexts of a batch of pieces run as one batch with one key/value cache. Rows differ in length and
/// in how many patches they add per step, so inputs are padded with masked PAD patches (left-padded at the prefill,
/// padded before the new patches in a step); the decoder's positions count real patches only. Work is deferred:
/// appends are queued and run together when a hidden state is asked for. A row's stream rebuild re-runs the prefill of
/// the whole batch (rare: once per context length).
/// </summary>
internal sealed class BatchedPatchLevel : IDisposable
{
    private static readonly Patch PadPatch = new(new int[PatchVocabulary.PatchSize]);

    private readonly IHierarchicalDecoder _decoder;
    private readonly IReadOnlyList<StyleRows>? _styles;
    private readonly List<Patch>[] _rows;
    private readonly List<Patch>[] _queued;
    private bool _needsPrefill = true;
    private IDisposable? _cache;
    private Tensor? _last; // [B, H]

    public BatchedPatchLevel(IHierarchicalDecoder decoder, IReadOnlyList<StyleRows?> styles)
    {
        _decoder = decoder;
        _styles = styles.Any(s => s is not null) ? styles.Select(s => s ?? StyleRows.Other).ToList() : null;
        _rows = styles.Select(_ => new List<Patch>()).ToArray();
        _queued = styles.Select(_ => new List<Patch>()).ToArray();
    }

    /// <summary>The context of one row, as the loop sees it.</summary>
    public PatchContext Row(int row) => new BatchRowContext(this, row);

    internal int Count(int row) => _rows[row].Count;

    internal void Reset(int row, IReadOnlyList<Patch> patches)
    {
        _rows[row] = patches.ToList();
        _queued[row].Clear();
        _needsPrefill = true;
    }

    internal void Append(int row, Patch patch)
    {
        _rows[row].Add(patch);
        _queued[row].Add(patch);
    }

    internal Tensor LastHidden(int row)
    {
        Flush();
        return _last![row].unsqueeze(0).clone();
    }

    private void Flush()
    {
        using var scope = NewDisposeScope();
        if (_needsPrefill)
        {
            _cache?.Dispose();
            _cache = _decoder.NewPatchCache();
            foreach (var queue in _queued)
                queue.Clear();
            var (ids, mask) = LeftPadded(_rows);
            Keep(_decoder.PatchForward(ids, mask, _cache, _styles)[.., -1]);
            _needsPrefill = false;
            return;
        }
        if (_queued.All(q => q.Count == 0))
            return;
        var (stepIds, stepMask) = LeftPadded(_queued);
        var hidden = _decoder.PatchForward(stepIds, stepMask, _cache, _styles)[.., -1];   // [B, H]
        // Rows that added nothing keep their previous state.
        var added = stepMask[.., -1].unsqueeze(1);
        Keep(where(added, hidden, _last!));
        foreach (var queue in _queued)
            queue.Clear();
    }

    private void Keep(Tensor last)
    {
        var kept = last.clone().DetachFromDisposeScope();
        _last?.Dispose();
        _last = kept;
    }

    // Rows of patches → ids [B, T, 16] and mask [B, T] (true = real), padding first.
    private static (Tensor Ids, Tensor Mask) LeftPadded(IReadOnlyList<List<Patch>> rows)
    {
        var length = rows.Max(r => r.Count);
        var size = PatchVocabulary.PatchSize;
        var ids = new long[rows.Count * length * size];
        var mask = new bool[rows.Count * length];
        for (var r = 0; r < rows.Count; r++)
        {
            var padding = length - rows[r].Count;
            for (var t = 0; t < length; t++)
            {
                var real = t >= padding;
                mask[(r * length) + t] = real;
                var patch = real ? rows[r][t - padding] : PadPatch;
                for (var c = 0; c < size; c++)
                    ids[(((r * length) + t) * size) + c] = patch[c];
            }
        }
        return (tensor(ids, [rows.Count, length, size]), tensor(mask, [rows.Count, length]));
    }

    public void Dispose()
    {
        _cache?.Dispose();
        _last?.Dispose();
    }

    /// <summary>One row of the batch behind the <see cref="PatchContext"/> interface.</summary>
    private sealed class BatchRowContext(BatchedPatchLevel batch, int row) : PatchContext(batch._decoder, null)
    {
        public override int Count => batch.Count(row);

        public override void Reset(IReadOnlyList<Patch> patches) => batch.Reset(row, patches);

        public override void Append(Patch patch) => batch.Append(row, patch);

        public override Tensor LastHidden() => batch.LastHidden(row);

        // The batch owns the cache; PieceGenerator disposes it.
        public override void Dispose()
        {
        }
    }
}
