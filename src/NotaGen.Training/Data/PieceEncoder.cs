using NotaGen.Corpus.Output;
using NotaGen.Modeling.Configuration;
using NotaGen.Music;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Tokenization;

namespace NotaGen.Training.Data;

/// <summary>
/// Augmentation, then NotaGen's training encoder (bar counters, stream crop), then the style labels. With
/// <paramref name="promptLines"/> false the pieces' <c>%Period</c>/<c>%Composer</c>/<c>%Instrumentation</c> lines are
/// dropped first, so a model conditioned only by its style tables never sees the style as text (and, prompted without
/// them, never learns to write them).
/// </summary>
public sealed class PieceEncoder(BarPatchTokenizer tokenizer, IKeyAugmentation augmentation, StyleVocabulary? styles, bool promptLines = true)
{
    public BarPatchTokenizer Tokenizer => tokenizer;

    /// <summary>
    /// Encodes piece <paramref name="index"/>; <paramref name="random"/> = null gives the deterministic form used for
    /// validation (no augmentation, head crop).
    /// </summary>
    public EncodedPiece Encode(CorpusPiece piece, int index, Random? random)
    {
        var text = promptLines ? piece.Abc : PromptLines.RemoveLeading(piece.Abc);
        var abc = random is null ? text : Augment(text, random);
        var patches = tokenizer.EncodeTraining(abc, random, piece.Id);
        var ids = new byte[patches.Count * PatchVocabulary.PatchSize];
        for (var p = 0; p < patches.Count; p++)
            for (var c = 0; c < patches[p].Count; c++)
                ids[p * PatchVocabulary.PatchSize + c] = (byte)patches[p][c];
        return new EncodedPiece(index, ids, StyleOf(piece));
    }

    private string Augment(string abc, Random random)
    {
        try
        {
            return augmentation.Apply(abc, random);
        }
        catch (Exception e) when (e is MusicFormatException or ArgumentException)
        {
            // A piece the transposer cannot handle (no key, odd notation) trains in its written key rather than stop
            // the run halfway through an epoch.
            return abc;
        }
    }

    private StyleRows? StyleOf(CorpusPiece piece) =>
        styles?.Resolve(piece.Labels);
}
