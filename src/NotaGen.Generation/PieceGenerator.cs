using NotaGen.Generation.Decoding;
using NotaGen.Generation.Sampling;
using NotaGen.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Generation;

/// <summary>
/// NotaGen's generation loop (reference f) over a hierarchical decoder: BOS patch + prompt patches, then patch after
/// patch written by the character level (conditioned on the patch level's last state), the body forced to start with
/// <c>[r:0/</c>, stop on the EOS patch or a limit, stream continuation past the context. Several pieces can be written
/// at once: each keeps its own patch context and the character level runs them as one batch.
/// </summary>
public sealed class PieceGenerator(IHierarchicalDecoder decoder)
{
    /// <summary>A generator over a model (put in eval mode).</summary>
    public PieceGenerator(NotaGen.Modeling.NotaGenModel model)
        : this(new ModelDecoder(model))
    {
    }

    /// <summary>One piece.</summary>
    public GeneratedPiece Generate(PieceRequest request, GenerationOptions options, CancellationToken cancellation = default) =>
        GenerateBatch([request], options, cancellation)[0];

    /// <summary>Several pieces in lockstep; one seeded generator serves the whole batch.</summary>
    public IReadOnlyList<GeneratedPiece> GenerateBatch(IReadOnlyList<PieceRequest> requests, GenerationOptions options, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(requests.Count);
        options.Sampling.Validate();
        // Inference mode: no autograd bookkeeping at all (cheaper per operation than no_grad).
        using var inference = torch.inference_mode();
        using var generator = new torch.Generator(options.Seed);
        var host = options.UseCache && options.HostCharLevel ? decoder.CreateHostCharLevel() : null;
        var writer = new CharPatchWriter(decoder, new CharSampler(options.Sampling, generator), options.UseCache, options.StopPatchAtEos, host);

        var hostPatch = options.UseCache && options.HostPatchLevel && requests.Count == 1 ? decoder.CreateHostPatchLevel() : null;
        var pieces = new List<PieceState>();
        // A batch with caches runs its patch level as one padded batch; otherwise each piece has its own context.
        using var batchLevel = options.UseCache && requests.Count > 1 ? new BatchedPatchLevel(decoder, requests.Select(r => r.Style).ToList()) : null;
        try
        {
            for (var i = 0; i < requests.Count; i++)
            {
                var context = batchLevel?.Row(i) ?? PatchContext.Create(decoder, options.UseCache, requests[i].Style, hostPatch);
                pieces.Add(new PieceState(i, requests[i], context, decoder.ContextPatches, options.OnPatch, options.Constraint));
            }

            while (true)
            {
                var active = pieces.Where(p => p.Stop is null).ToList();
                if (active.Count == 0)
                    break;
                foreach (var piece in active)
                    ApplyLimits(piece, options, cancellation);
                active = active.Where(p => p.Stop is null).ToList();
                if (active.Count > 0)
                    Step(active, writer);
            }
            return pieces.Select(p => new GeneratedPiece(p.Text, p.Stop!.Value, p.Patches, p.StoppedAfter, p.Rebuilds)
            {
                GeneratedCharacters = p.TextLength - p.PromptLength,
                Constraint = options.Constraint,
                Statistics = p.Statistics,
            }).ToList();
        }
        finally
        {
            foreach (var piece in pieces)
                piece.Dispose();
        }
    }

    private static void ApplyLimits(PieceState piece, GenerationOptions options, CancellationToken cancellation)
    {
        if (cancellation.IsCancellationRequested)
            piece.Finish(StopReason.Cancelled);
        else if (piece.TextLength > options.MaxCharacters)
            piece.Finish(StopReason.CharacterLimit);
        else if (piece.Clock.Elapsed > options.MaxDuration)
            piece.Finish(StopReason.TimeLimit);
        else if (options.MaxPatches is { } max && piece.Patches >= max)
            piece.Finish(StopReason.PatchLimit);
    }

    /// <summary>Writes one patch for every active piece (two passes when some piece starts its body).</summary>
    private static void Step(List<PieceState> active, CharPatchWriter writer)
    {
        using var scope = NewDisposeScope();
        var hidden = cat(active.Select(p => p.Context.LastHidden()).ToList(), 0);
        var prefixes = active.Select(Prefix).ToArray();
        // An open patch's characters are already text (and in the cursor); forced counters are new.
        var rows = active.Select(p => p.NextRow(p.OpenPrefix.Length)).ToArray();
        var written = writer.Write(hidden, prefixes, rows);

        var bodyStarts = new List<int>();
        for (var i = 0; i < active.Count; i++)
        {
            var cursor = active[i].Cursor;
            if (cursor is not null)
                active[i].Cursor = rows[i].Cursor;
            if (Take(active[i], prefixes[i], written[i]))
            {
                active[i].Cursor = cursor;
                bodyStarts.Add(i);
            }
        }
        if (bodyStarts.Count == 0)
            return;

        // NotaGen discards a first body patch and writes it again from the forced "[r:0/".
        var starts = tensor(bodyStarts.Select(i => (long)i).ToArray());
        var againRows = bodyStarts.Select(i => active[i].NextRow(0)).ToArray();
        var again = writer.Write(hidden.index_select(0, starts), bodyStarts.Select(i => Ids(active[i].BodyStartPrefix)).ToArray(), againRows);
        for (var j = 0; j < bodyStarts.Count; j++)
        {
            var piece = active[bodyStarts[j]];
            if (piece.Cursor is not null)
                piece.Cursor = againRows[j].Cursor;
            piece.StartBody();
            piece.Accept(again[j], new Patch(again[j]).ToText());
        }
    }

    private static int[] Prefix(PieceState piece) =>
        piece.OpenPrefix.Length > 0 ? piece.OpenPrefix
        : piece.ForcedCounter is { } counter ? Ids(counter)
        : [];

    /// <summary>Handles a written patch; true when it starts the body and must be written again with the forced prefix.</summary>
    private static bool Take(PieceState piece, int[] prefix, int[] ids)
    {
        // The end test and the text look only at what is new: an open prefix is already part of the text.
        var openPrefix = piece.OpenPrefix.Length > 0;
        var fresh = openPrefix ? ids[prefix.Length..] : ids;
        if (fresh.Length >= 2 && fresh[0] == PatchVocabulary.Bos && fresh[1] == PatchVocabulary.Eos)
        {
            piece.Finish(StopReason.EndPatch);
            return false;
        }
        var text = TextOf(fresh);

        if (piece.Cursor is { InBody: true } && !piece.InBody)
            piece.StartBody();
        if (!piece.InBody && prefix.Length == 0)
        {
            var startsBody = text.StartsWith("[r:", StringComparison.Ordinal);
            if (piece.AtLineStart && piece.HasPendingHeaderLines)
            {
                if (piece.TakeForcedLineFor(text) is { } forced)
                {
                    piece.EmitHeaderLine(forced);
                    return false;
                }
                if (startsBody || text.StartsWith("V:", StringComparison.Ordinal) || text.StartsWith("[V:", StringComparison.Ordinal))
                {
                    piece.EmitPendingHeaderLines();
                    return false;
                }
            }
            // Under a constraint the grammar already forced "[r:0/" (or the full counter), and the cursor said where
            // the body starts (above): nothing to write again.
            if (startsBody && piece.Cursor is null)
                return true;
        }
        if (piece.TotalBars is not null && piece.InBody)
            (ids, text) = EndAtNewline(ids, text, openPrefix ? prefix.Length : 0);
        piece.Accept(ids, text);
        return false;
    }

    /// <summary>
    /// With a counted number of bars, a line ends its patch at the newline (EOS after it, PAD after that), as every line
    /// does in the training data; otherwise a model could start an uncounted line inside a patch.
    /// </summary>
    private static (int[] Ids, string Text) EndAtNewline(int[] ids, string text, int freshStart)
    {
        var newline = text.IndexOf('\n');
        if (newline < 0 || newline == text.Length - 1)
            return (ids, text);
        var cut = (int[])ids.Clone();
        var end = freshStart + newline + 1;
        for (var i = end; i < cut.Length; i++)
            cut[i] = i == end ? PatchVocabulary.Eos : PatchVocabulary.Pad;
        return (cut, text[..(newline + 1)]);
    }

    private static string TextOf(IEnumerable<int> ids) =>
        new(ids.TakeWhile(id => id != PatchVocabulary.Eos).Select(id => (char)id).ToArray());

    private static int[] Ids(string text) => text.Select(c => (int)c).ToArray();
}
