using NotaGen.Evaluation.MusPy;
using NotaGen.Evaluation.Novelty;
using NotaGen.Evaluation.Pieces;
using NotaGen.Evaluation.Structure;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Time;

namespace NotaGen.Evaluation.Runner;

/// <summary>
/// One row of <c>metrics.csv</c>: every per-piece metric by name (NaN where undefined, e.g. for a piece that does not
/// parse). Names are stable column headers.
/// </summary>
public static class PieceMetrics
{
    public static readonly string[] Names =
    [
        "parses", "abc2midi_ok", "bar_alignment_error", "bars",
        "pitch_range", "n_pitches_used", "n_pitch_classes_used", "polyphony", "polyphony_rate", "scale_consistency",
        "pitch_entropy", "pitch_class_entropy", "empty_beat_rate", "groove_consistency",
        "intra_similarity", "repetition_rate",
        "longest_copied_run", "bar_4gram_overlap", "nearest_edit_similarity",
    ];

    /// <param name="abc2MidiAccepted">abc2midi's verdict, or null when it was not run.</param>
    /// <param name="training">Training pieces for the novelty metrics, or null to leave them NaN.</param>
    public static IReadOnlyDictionary<string, double> Compute(AnalyzedPiece piece, bool? abc2MidiAccepted, BarSequenceIndex? training)
    {
        ArgumentNullException.ThrowIfNull(piece);
        var row = Names.ToDictionary(n => n, _ => double.NaN, StringComparer.Ordinal);
        row["parses"] = piece.Parses ? 1 : 0;
        if (abc2MidiAccepted is { } accepted) row["abc2midi_ok"] = accepted ? 1 : 0;
        if (piece.Semantics is null || piece.Events is null)
            return row;

        row["bar_alignment_error"] = BarAlignment.Of(piece.Semantics).Error;
        var bars = PieceBars.From(piece.Semantics, piece.Events);
        row["bars"] = bars.Count;

        var steps = StepScore.From(piece.Events);
        row["pitch_range"] = MusPyMetrics.PitchRange(steps);
        row["n_pitches_used"] = MusPyMetrics.PitchesUsed(steps);
        row["n_pitch_classes_used"] = MusPyMetrics.PitchClassesUsed(steps);
        row["polyphony"] = MusPyMetrics.Polyphony(steps);
        row["polyphony_rate"] = MusPyMetrics.PolyphonyRate(steps);
        row["scale_consistency"] = MusPyMetrics.ScaleConsistency(steps);
        row["pitch_entropy"] = MusPyMetrics.PitchEntropy(steps);
        row["pitch_class_entropy"] = MusPyMetrics.PitchClassEntropy(steps);
        row["empty_beat_rate"] = MusPyMetrics.EmptyBeatRate(steps);
        var barLength = piece.Events.Meters.Count > 0 ? piece.Events.Meters[0].BarLength : new Rational(1, 1);
        row["groove_consistency"] = MusPyMetrics.GrooveConsistency(steps, Math.Max(1, StepScore.ToSteps(barLength, steps.Resolution)));

        row["intra_similarity"] = SelfSimilarity.IntraSimilarity(bars);
        row["repetition_rate"] = SelfSimilarity.RepetitionRate(bars);

        if (training is not null)
        {
            var novelty = NoveltyMetrics.Measure(bars.Select(b => b.Key).ToList(), training);
            row["longest_copied_run"] = novelty.LongestCopiedRun;
            row["bar_4gram_overlap"] = novelty.NGramOverlap;
            row["nearest_edit_similarity"] = novelty.NearestSimilarity;
        }
        return row;
    }
}
