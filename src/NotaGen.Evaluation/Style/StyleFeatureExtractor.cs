using NotaGen.Corpus.Output;
using NotaGen.Evaluation.Pieces;
using NotaGen.Modeling;
using NotaGen.Modeling.Weights;
using NotaGen.Music.Midi.Import;

namespace NotaGen.Evaluation.Style;

/// <summary>
/// The features of one family (<see cref="StyleFeatureSource"/>) for every kind of piece the style classifiers see:
/// corpus pieces, score files, generated pieces. The model family loads its model folder once and owns it.
/// </summary>
public sealed class StyleFeatureExtractor : IDisposable
{
    private readonly NotaGenModel? model;
    private readonly HiddenStateFeatures? hidden;

    private StyleFeatureExtractor(StyleFeatureSource source, NotaGenModel? model, HiddenStateFeatures? hidden)
    {
        Source = source;
        this.model = model;
        this.hidden = hidden;
    }

    public StyleFeatureSource Source { get; }

    /// <summary>Numbers per piece: <see cref="StyleFeatures.Length"/>, or the model's hidden size.</summary>
    public int Length => hidden?.Length ?? StyleFeatures.Length;

    /// <summary>
    /// Names this family's features for a cache: it changes whenever they would (the handcrafted features' version; the
    /// model folder, its weights file's size and time, and the patches read), so a cache written for others is not read.
    /// </summary>
    public string CacheVersion
    {
        get
        {
            if (hidden is null) return ScoreFeatureTable.FeatureVersion;
            var folder = Path.GetFullPath(Source.Model!);
            var weights = new DirectoryInfo(folder).EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}");
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(folder + "|" + string.Join('|', weights))))[..16];
            return $"model-{hash}-h{hidden.Length}-p{hidden.MaxPatches}";
        }
    }

    public static StyleFeatureExtractor Handcrafted { get; } = new(StyleFeatureSource.Handcrafted, null, null);

    /// <param name="source">The family; the model family loads <see cref="StyleFeatureSource.Model"/>.</param>
    /// <param name="maxPatches">Patches read per piece by the model family.</param>
    public static StyleFeatureExtractor Open(StyleFeatureSource source, int maxPatches = 128)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Family == StyleFeatureSource.HandcraftedFamily) return Handcrafted;
        if (source.Family != StyleFeatureSource.ModelFamily || source.Model is null)
            throw new ArgumentException($"unknown style feature family '{source}' (handcrafted, or model with a model folder)");
        var loaded = ModelDirectory.Load(source.Model);
        return new StyleFeatureExtractor(source, loaded, new HiddenStateFeatures(loaded, maxPatches));
    }

    /// <summary>A corpus piece (NotaGen's format), or null when it cannot be read or has no notes.</summary>
    public double[]? FromCorpusPiece(CorpusPiece piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        if (hidden is not null) return hidden.Extract(piece.Abc, piece.Id);
        var analyzed = AnalyzedPiece.FromAbc(piece.Abc, piece.Id);
        return analyzed.Parses && analyzed.Events!.Notes.Count > 0 ? StyleFeatures.Extract(analyzed) : null;
    }

    /// <summary>A score file (a MIDI file is imported to ABC for the model family).</summary>
    public double[] FromScore(ScoreFile score)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (hidden is null) return StyleFeatures.Extract(score.Events, score.Bars);
        var abc = score.Abc?.Abc ?? MidiToAbc.ConvertFile(score.Path).Abc;
        return hidden.ExtractStandard(abc, score.Path);
    }

    /// <summary>A generated piece: its raw text (NotaGen's format) for the model family, its notes otherwise.</summary>
    public double[] FromGenerated(AnalyzedPiece piece, string rawText)
    {
        ArgumentNullException.ThrowIfNull(piece);
        ArgumentNullException.ThrowIfNull(rawText);
        return hidden is null ? StyleFeatures.Extract(piece) : hidden.Extract(rawText, piece.Name);
    }

    public void Dispose() => model?.Dispose();
}
