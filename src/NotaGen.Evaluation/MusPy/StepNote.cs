using NotaGen.Music.Events;
using NotaGen.Music.Time;

namespace NotaGen.Evaluation.MusPy;

/// <summary>A note on MusPy's integer time grid: <paramref name="Start"/> and <paramref name="End"/> in time steps.</summary>
public readonly record struct StepNote(int Start, int End, int Pitch);

/// <summary>
/// The workbench's exact note times put on MusPy's grid of <see cref="Resolution"/> steps per quarter note (MusPy's
/// default 24, what it uses when it reads ABC or MusicXML). A time that does not fall on the grid is rounded to the
/// nearest step (halves up), as MusPy's readers round; a note is at least one step long.
/// </summary>
public sealed record StepScore(IReadOnlyList<StepNote> Notes, int Resolution)
{
    public const int DefaultResolution = 24;

    /// <summary>The end of the last note in steps (MusPy's <c>get_end_time()</c>), 0 without notes.</summary>
    public int Length => Notes.Count == 0 ? 0 : Notes.Max(n => n.End);

    public static StepScore From(ScoreEvents events, int resolution = DefaultResolution)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 1);
        var notes = events.Notes.Select(n =>
        {
            var start = ToSteps(n.Onset, resolution);
            var end = Math.Max(start + 1, ToSteps(n.Onset + n.Duration, resolution));
            return new StepNote(start, end, n.Pitch);
        }).ToList();
        return new StepScore(notes, resolution);
    }

    /// <summary>Whole notes → steps: a quarter note is <paramref name="resolution"/> steps.</summary>
    public static int ToSteps(Rational wholeNotes, int resolution) =>
        checked((int)(wholeNotes * (4L * resolution) + new Rational(1, 2)).Floor());
}
