using NotaGen.Corpus.Sources;
using NotaGen.Modeling;
using NotaGen.Music;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Evaluation.Style;

/// <summary>
/// The second style feature family: the model's own patch-level hidden states (after the final layer norm), averaged
/// over the patches of a piece: a vector of <see cref="Length"/> = hidden size numbers. The piece is encoded as for
/// validation (no augmentation, head crop to <see cref="MaxPatches"/>) with its prompt lines removed and no style
/// labels ("other"), so the features cannot simply read back the labels the classifiers are asked for.
/// </summary>
public sealed class HiddenStateFeatures
{
    private readonly NotaGenModel model;
    private readonly BarPatchTokenizer tokenizer;

    /// <param name="model">The model whose states are read (put in eval mode: no dropout).</param>
    /// <param name="maxPatches">Patches read per piece, BOS included (capped at the model's context).</param>
    public HiddenStateFeatures(NotaGenModel model, int maxPatches = 128)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPatches, 2);
        this.model = model;
        model.eval();
        MaxPatches = Math.Min(maxPatches, model.Config.PatchLength);
        tokenizer = new BarPatchTokenizer(MaxPatches);
    }

    public int Length => model.Config.HiddenSize;

    public int MaxPatches { get; }

    /// <summary>
    /// Features of a piece in NotaGen's format (interleaved, rest-reduced; prompt lines and <c>[r:]</c> counters may
    /// be present, both are dropped first). Throws <see cref="MusicFormatException"/> when the tokenizer refuses it.
    /// </summary>
    public double[] Extract(string notaGenText, string name = "<piece>")
    {
        ArgumentNullException.ThrowIfNull(notaGenText);
        var text = BarCounters.StripAll(PromptLines.Remove(notaGenText.Replace("\r\n", "\n", StringComparison.Ordinal)));
        var patches = tokenizer.EncodeTraining(text, random: null, name);
        var ids = new long[patches.Count * PatchVocabulary.PatchSize];
        for (var p = 0; p < patches.Count; p++)
            for (var c = 0; c < patches[p].Count; c++)
                ids[p * PatchVocabulary.PatchSize + c] = patches[p][c];
        using var scope = NewDisposeScope();
        using var inference = torch.inference_mode();
        var input = tensor(ids, [1, patches.Count, PatchVocabulary.PatchSize], device: model.Device);  // [1, L, 16]
        var hidden = model.PatchLevel.forward(input);                                   // [1, L, H]
        var mean = hidden.mean([1]).squeeze(0).to(ScalarType.Float64).cpu();            // [H]
        return mean.data<double>().ToArray();
    }

    /// <summary>
    /// Features of a standard ABC piece: given a <c>V:1</c> line when it declares no voices, cleaned and interleaved as
    /// the corpus prepares pieces, then <see cref="Extract"/>.
    /// </summary>
    public double[] ExtractStandard(string standardAbc, string name = "<piece>")
    {
        ArgumentNullException.ThrowIfNull(standardAbc);
        var cleaned = Cleaner.Clean(AbcTunebook.WithNumberedVoice(standardAbc.Replace("\r\n", "\n", StringComparison.Ordinal)), name);
        if (cleaned.IsRejected)
            throw new MusicFormatException(name, "", $"rejected by NotaGen's cleaning: {cleaned.Rejection}");
        return Extract(Interleaver.Interleave(cleaned.Text!, new InterleaveOptions { ReduceRests = true }, name), name);
    }
}
