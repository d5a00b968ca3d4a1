using NotaGen.Generation.Sampling;
using NotaGen.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Generation.Decoding;

/// <summary>
/// Writes the next patch of every piece of a batch character by character, conditioned on each piece's patch state.
/// A row may start with forced characters (a partial patch, or a forced <c>[r:0/</c>); the rest are sampled. The
/// result is cut NotaGen's way: ids after the first EOS become PAD. All rows share character positions, so a batch
/// needs no padding at this level.
/// </summary>
internal sealed class CharPatchWriter(IHierarchicalDecoder decoder, CharSampler sampler, bool cached, bool stopAtEos)
{
    /// <param name="hidden">Patch states <c>[batch, hidden]</c>.</param>
    /// <param name="prefixes">Forced first characters per row (shorter than 16).</param>
    public int[][] Write(Tensor hidden, IReadOnlyList<int[]> prefixes)
    {
        var batch = prefixes.Count;
        var size = PatchVocabulary.PatchSize;
        var patches = prefixes.Select(_ => new int[size]).ToArray();
        var ended = new bool[batch];
        var written = new List<long[]>();

        using var cache = cached ? decoder.NewCharCache() : null;
        var logits = cached ? decoder.CharStart(hidden, cache!) : decoder.CharNextLogits(hidden, empty(batch, 0, dtype: ScalarType.Int64));
        for (var position = 0; position < size; position++)
        {
            var sampleRows = Enumerable.Range(0, batch).Where(r => !ended[r] && position >= prefixes[r].Length).ToArray();
            var sampled = sampleRows.Length == 0 ? [] : SampleRows(logits, sampleRows);
            logits.Dispose();

            var column = new long[batch];
            for (var r = 0; r < batch; r++)
            {
                var id = ended[r] ? PatchVocabulary.Pad
                    : position < prefixes[r].Length ? prefixes[r][position]
                    : (int)sampled[Array.IndexOf(sampleRows, r)];
                patches[r][position] = id;
                column[r] = id;
                ended[r] |= id == PatchVocabulary.Eos;
            }
            written.Add(column);

            if (position == size - 1 || (stopAtEos && ended.All(e => e)))
                break;
            logits = cached
                ? decoder.CharStep(tensor(column), cache!)
                : decoder.CharNextLogits(hidden, Columns(written));
        }
        return patches;
    }

    private long[] SampleRows(Tensor logits, int[] rows)
    {
        using var scope = NewDisposeScope();
        var selected = rows.Length == logits.shape[0] ? logits : logits.index_select(0, tensor(rows.Select(r => (long)r).ToArray()));
        return sampler.Sample(selected);
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
