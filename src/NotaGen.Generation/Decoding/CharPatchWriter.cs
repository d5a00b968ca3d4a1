using NotaGen.Generation.Sampling;
using NotaGen.Modeling.Inference;
using NotaGen.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Generation.Decoding;

/// <summary>
/// Writes the next patch of every piece of a batch character by character, conditioned on each piece's patch state.
/// A row may start with forced characters (a partial patch, or a forced <c>[r:0/</c>); the rest are sampled. The
/// result is cut NotaGen's way: ids after the first EOS become PAD. All rows share character positions, so a batch
/// needs no padding at this level. Three strategies:
/// <list type="bullet">
/// <item>cached on the host (<see cref="HostCharDecoder"/>, CPU models): one tensor copy per patch, the rest managed code;</item>
/// <item>cached through TorchSharp (<see cref="IHierarchicalDecoder.CharStep"/>): one cached step per character;</item>
/// <item>recomputing, NotaGen's reference: the character decoder re-run over the patch's whole prefix for every
/// character, always all 16 characters (NotaGen's EOS early stop is commented out), characters after EOS sampled and
/// then discarded.</item>
/// </list>
/// Every patch draws one fixed block of uniform numbers (<see cref="CharSampler.DrawUniforms"/>), so all three write the
/// same text for the same seed.
/// </summary>
internal sealed class CharPatchWriter(IHierarchicalDecoder decoder, CharSampler sampler, bool cached, bool stopAtEos, HostCharDecoder? host)
{
    private static readonly int Size = PatchVocabulary.PatchSize;
    private readonly Dictionary<int, HostCharState> _hostStates = [];

    /// <param name="hidden">Patch states <c>[batch, hidden]</c>.</param>
    /// <param name="prefixes">Forced first characters per row (shorter than 16).</param>
    /// <param name="constraints">Per row: the structure constraint and statistics (masks applied identically in all three strategies).</param>
    public int[][] Write(Tensor hidden, IReadOnlyList<int[]> prefixes, IReadOnlyList<RowConstraint> constraints)
    {
        var batch = prefixes.Count;
        var uniforms = sampler.DrawUniforms(batch, Size);
        if (cached && host is not null)
            return WriteOnHost(host, hidden, prefixes, constraints, uniforms);
        Span<bool> allowed = stackalloc bool[PatchVocabulary.Size];

        var patches = prefixes.Select(_ => new int[Size]).ToArray();
        var ended = new bool[batch];
        var written = new List<long[]>();
        using var cache = cached ? decoder.NewCharCache() : null;
        var logits = cached ? decoder.CharStart(hidden, cache!) : decoder.CharNextLogits(hidden, empty(batch, 0, dtype: ScalarType.Int64));
        for (var position = 0; position < Size; position++)
        {
            var rows = HostRows(logits);
            logits.Dispose();
            var column = new long[batch];
            for (var r = 0; r < batch; r++)
            {
                var forced = position < prefixes[r].Length;
                // The reference loop samples and feeds every character, even after EOS (then cut), as NotaGen does;
                // those characters are not text, so no mask and no statistics.
                var fed = forced ? prefixes[r][position]
                    : ended[r] && cached ? PatchVocabulary.Pad
                    : ended[r] ? Sample(rows, r, uniforms, position, [])
                    : SampleConstrained(rows[r], constraints[r], allowed, uniforms?[(r * Size) + position] ?? 0, position);
                if (forced && !ended[r])
                    constraints[r].Force(fed, position);
                var id = ended[r] ? PatchVocabulary.Pad : fed;
                patches[r][position] = id;
                column[r] = cached ? id : fed;
                ended[r] |= id == PatchVocabulary.Eos;
            }
            written.Add(column);

            if (position == Size - 1 || (cached && stopAtEos && ended.All(e => e)))
                break;
            logits = cached
                ? decoder.CharStep(tensor(column), cache!)
                : decoder.CharNextLogits(hidden, Columns(written));
        }
        return patches;
    }

    private int[][] WriteOnHost(HostCharDecoder host, Tensor hidden, IReadOnlyList<int[]> prefixes, IReadOnlyList<RowConstraint> constraints, double[]? uniforms)
    {
        Span<bool> allowed = stackalloc bool[PatchVocabulary.Size];
        var batch = prefixes.Count;
        var vocabulary = host.VocabularySize;
        if (!_hostStates.TryGetValue(batch, out var state))
            _hostStates[batch] = state = host.NewState(batch);
        float[] states;
        using (var scope = NewDisposeScope())
            states = hidden.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();     // [B · H]
        var logits = new float[batch * vocabulary];
        host.Start(state, states, logits);

        var patches = prefixes.Select(_ => new int[Size]).ToArray();
        var ended = new bool[batch];
        var column = new int[batch];
        for (var position = 0; position < Size; position++)
        {
            for (var r = 0; r < batch; r++)
            {
                int id;
                if (ended[r])
                {
                    id = PatchVocabulary.Pad;
                }
                else if (position < prefixes[r].Length)
                {
                    id = prefixes[r][position];
                    constraints[r].Force(id, position);
                }
                else
                {
                    id = SampleConstrained(logits.AsSpan(r * vocabulary, vocabulary), constraints[r], allowed, uniforms?[(r * Size) + position] ?? 0, position);
                }
                patches[r][position] = id;
                column[r] = id;
                ended[r] |= id == PatchVocabulary.Eos;
            }
            if (position == Size - 1 || (stopAtEos && ended.All(e => e)))
                break;
            host.Step(state, column, logits);
        }
        return patches;
    }

    private int Sample(float[][] rows, int row, double[]? uniforms, int position, ReadOnlySpan<bool> allowed) =>
        sampler.SampleRow(rows[row], uniforms?[(row * Size) + position] ?? 0, allowed);

    private int SampleConstrained(ReadOnlySpan<float> logits, RowConstraint constraint, Span<bool> buffer, double uniform, int position)
    {
        var allowed = constraint.Mask(position, buffer);
        var id = sampler.SampleRow(logits, uniform, allowed);
        constraint.Sampled(logits, allowed, id, position);
        return id;
    }

    // logits [B, V] → one float array per row
    private static float[][] HostRows(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var matrix = logits.to(ScalarType.Float32).cpu().contiguous();
        var (batch, vocabulary) = ((int)matrix.shape[0], (int)matrix.shape[1]);
        var flat = matrix.data<float>().ToArray();
        return Enumerable.Range(0, batch).Select(r => flat.AsSpan(r * vocabulary, vocabulary).ToArray()).ToArray();
    }

    private static Tensor Columns(List<long[]> columns)
    {
        var batch = columns[0].Length;
        var ids = new long[batch * columns.Count];
        for (var r = 0; r < batch; r++)
        {
            for (var c = 0; c < columns.Count; c++)
                ids[(r * columns.Count) + c] = columns[c][r];
        }
        return tensor(ids, [batch, columns.Count]);
    }
}
