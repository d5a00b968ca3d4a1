using NotaGen.Corpus.Output;
using NotaGen.Evaluation.Novelty;
using NotaGen.Evaluation.Pieces;
using NotaGen.Evaluation.SetComparison;
using NotaGen.Evaluation.Style;
using NotaGen.Evaluation.Validity;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Evaluation.Runner;

/// <summary>
/// Evaluates generated pieces: every per-piece metric of <see cref="PieceMetrics"/>, abc2midi's verdict when the tool
/// is given, novelty against training pieces when an index is given, and with style classifiers the label accuracy
/// per axis (1 when the classifier names the prompt's label), the probability of the prompt's labels and the style
/// score (with the classifiers' feature family: <paramref name="features"/> for the model's hidden states). The prompt
/// is the one given, or read from the piece's prompt lines (NotaGen's <c>%Period</c>, <c>%Composer</c>,
/// <c>%Instrumentation</c>). The style columns need a piece that parses without error; with
/// <paramref name="styleOfUnparsed"/> they also cover pieces read despite errors (notes recovered), for small models
/// whose pieces never parse cleanly. Such numbers are not comparable with strict ones; say which was used.
/// </summary>
public sealed class SampleEvaluator(BarSequenceIndex? training = null, StyleModel? styles = null, Abc2MidiCheck? abc2Midi = null,
    StyleFeatureExtractor? features = null, bool styleOfUnparsed = false)
{
    /// <summary>The features the style classifiers read: given, or the handcrafted ones (the model family needs its extractor).</summary>
    private readonly StyleFeatureExtractor extractor = styles is null || styles.Features == (features ?? StyleFeatureExtractor.Handcrafted).Source
        ? features ?? StyleFeatureExtractor.Handcrafted
        : throw new ArgumentException($"the style classifiers read {styles.Features} features; give the evaluator their extractor");

    public static readonly string[] StyleColumns = ["label_period", "label_instrumentation", "label_composer", "label_probability", "style_score"];

    public IReadOnlyList<string> Columns => [.. PieceMetrics.Names, .. styles is null ? [] : StyleColumns];

    /// <param name="prompt">The prompt the piece was asked for; null reads it from the piece's prompt lines (a model
    /// trained without prompt lines writes none).</param>
    public EvaluatedSample Evaluate(string path, string text, StylePrompt? prompt = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        prompt ??= PromptLines.Read(text);
        var piece = AnalyzedPiece.FromAbc(text, path);
        bool? accepted = abc2Midi is not null && piece.Abc is not null ? abc2Midi.Check(piece.Abc).Accepted : abc2Midi is null ? null : false;
        var metrics = new Dictionary<string, double>(PieceMetrics.Compute(piece, accepted, training), StringComparer.Ordinal);
        if (styles is not null)
        {
            foreach (var column in StyleColumns) metrics[column] = double.NaN;
            if (prompt is not null && (piece.Parses || styleOfUnparsed) && piece.Semantics is not null && piece.Events is { Notes.Count: > 0 })
            {
                var labels = prompt;
                var features = extractor.FromGenerated(piece, text);
                var predictions = styles.Classify(features);
                foreach (var axis in StyleAxes.All.Where(predictions.ContainsKey))
                    metrics["label_" + axis] = predictions[axis].Label == StyleAxes.Of(labels, axis) ? 1 : 0;
                metrics["label_probability"] = styles.LabelProbability(features, labels);
                metrics["style_score"] = styles.StyleScore(features, labels);
            }
        }
        return new EvaluatedSample(path, prompt?.ToSlashText() ?? "", metrics);
    }

    /// <summary>Yang &amp; Lerch features of the pieces that parse and have notes.</summary>
    public static List<IReadOnlyDictionary<string, double[]>> SetFeatures(IEnumerable<(string Name, string Text)> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        return pieces.Select(p => AnalyzedPiece.FromAbc(p.Text, p.Name))
            .Where(p => p.Parses && p.Events!.Notes.Count > 0)
            .Select(p => YangLerchFeatures.Compute(p.Events!))
            .ToList();
    }
}
