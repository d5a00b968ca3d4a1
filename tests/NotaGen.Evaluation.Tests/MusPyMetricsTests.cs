using NotaGen.Evaluation.MusPy;
using Xunit;

namespace NotaGen.Evaluation.Tests;

public sealed class MusPyMetricsTests
{
    [Fact]
    public void A_scale_of_five_notes_has_range_7_five_pitches_and_log2_5_bits()
    {
        var score = Pieces.Steps(Pieces.Scale);
        // Quarter = 24 steps: C [0,24) D [24,48) E [48,72) F [72,96) G [96,192).
        Assert.Equal([new StepNote(0, 24, 60), new StepNote(24, 48, 62), new StepNote(48, 72, 64), new StepNote(72, 96, 65), new StepNote(96, 192, 67)], score.Notes);
        Assert.Equal(7, MusPyMetrics.PitchRange(score));
        Assert.Equal(5, MusPyMetrics.PitchesUsed(score));
        Assert.Equal(5, MusPyMetrics.PitchClassesUsed(score));
        Assert.Equal(1.0, MusPyMetrics.Polyphony(score));
        Assert.Equal(0.0, MusPyMetrics.PolyphonyRate(score));
        Assert.Equal(1.0, MusPyMetrics.ScaleConsistency(score));
        Assert.Equal(Math.Log2(5), MusPyMetrics.PitchEntropy(score), 12);
        Assert.Equal(Math.Log2(5), MusPyMetrics.PitchClassEntropy(score), 12);
    }

    [Fact]
    public void Empty_beat_rate_keeps_MusPys_inclusive_end_so_the_beat_after_the_last_note_counts_as_occupied()
    {
        var score = Pieces.Steps(Pieces.Scale);
        // ⌊192/24⌋ + 1 = 9 beats; G spans beats 4..⌊192/24⌋ = 8 inclusive, so none is empty (not 1/9).
        Assert.Equal(0.0, MusPyMetrics.EmptyBeatRate(score));
        // A lone quarter after a half-note rest: beats 0..3 exist (⌊72/24⌋+1 = 4); the note occupies beats 2 and 3.
        var rest = Pieces.Steps("X:1\nL:1/4\nM:3/4\nK:C\nz2 C|]\n");
        Assert.Equal(0.5, MusPyMetrics.EmptyBeatRate(rest));
    }

    [Fact]
    public void Groove_consistency_counts_an_extra_empty_measure_when_the_piece_ends_on_a_bar_line()
    {
        var score = Pieces.Steps(Pieces.Scale);
        // ⌊192/96⌋ + 1 = 3 measures: onsets {0,24,48,72}, {0}, {}. Hamming 3 + 1 = 4 over 96 × 2 positions.
        Assert.Equal(1 - 4.0 / 192, MusPyMetrics.GrooveConsistency(score, 96), 12);
    }

    [Fact]
    public void Polyphony_rate_counts_only_steps_with_more_than_two_pitches()
    {
        var score = Pieces.Steps(Pieces.Chords);
        // 24 steps of 3 pitches, 24 of 2, 24 of 1: polyphony (72 + 48 + 24) / 72 = 2; rate (> 2) = 24 / 72.
        Assert.Equal(2.0, MusPyMetrics.Polyphony(score), 12);
        Assert.Equal(1.0 / 3, MusPyMetrics.PolyphonyRate(score), 12);
        Assert.Equal(2.0 / 3, MusPyMetrics.PolyphonyRate(score, threshold: 1), 12);
        // Notes C C C E E G: p = 1/2, 1/3, 1/6.
        var expected = -(0.5 * Math.Log2(0.5) + 1.0 / 3 * Math.Log2(1.0 / 3) + 1.0 / 6 * Math.Log2(1.0 / 6));
        Assert.Equal(expected, MusPyMetrics.PitchEntropy(score), 12);
        Assert.Equal(3, MusPyMetrics.PitchClassesUsed(score));
    }

    [Fact]
    public void Chromatic_notes_fit_three_quarters_into_the_best_scale()
    {
        var score = Pieces.Steps(Pieces.Chromatic);
        Assert.Equal(0.5, MusPyMetrics.PitchInScaleRate(score, root: 0, minor: false)); // C and D of C C# D D#
        Assert.Equal(0.75, MusPyMetrics.PitchInScaleRate(score, root: 1, minor: false)); // C# major: C, C#, D#
        Assert.Equal(0.75, MusPyMetrics.ScaleConsistency(score)); // no diatonic scale holds three semitones in a row
    }

    [Fact]
    public void Off_grid_times_round_to_the_nearest_step_and_notes_last_at_least_one()
    {
        // A quintuplet sixteenth at resolution 4: 1/80 of a whole note = 0.2 steps → 0, but it still lasts one step.
        var notes = new NotaGen.Music.Events.ScoreEvents([], [new("1", 0, NotaGen.Music.Time.Rational.Zero, new(1, 80), 60)], [], [], []);
        Assert.Equal([new StepNote(0, 1, 60)], StepScore.From(notes, resolution: 4).Notes);
        Assert.Equal(3, StepScore.ToSteps(new(5, 32), 4)); // 2.5 steps → 3 (halves up)
    }
}
