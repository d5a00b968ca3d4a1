namespace NotaGen.Music.MusicXml;

/// <summary>
/// One thing in a voice of one measure while converting to ABC: a note/chord/rest or a piece of ABC text
/// (barline, decoration, inline field). <see cref="Time"/> is in MusicXML divisions from the start of the measure.
/// </summary>
internal abstract class VoiceItem
{
    public long Time { get; set; }
}

/// <summary>Text that takes no time: barlines, <c>[K:..]</c>, <c>!p!</c>, <c>"^words"</c>.</summary>
internal sealed class TextItem(string text) : VoiceItem
{
    public string Text { get; set; } = text;

    /// <summary>A measure-repeat mark whose text is only known when the repeat ends; it replaces <see cref="Text"/>.</summary>
    public MeasureRepeatMark? Repeat { get; init; }

    public string Render() => Repeat?.Text ?? Text;
}

/// <summary>Shared by the voices of a staff: the <c>[I:repeat ..]</c> text of a measure repeat, filled in at its stop.</summary>
internal sealed class MeasureRepeatMark(int startMeasure, string? count)
{
    public int StartMeasure { get; } = startMeasure;
    public string? Count { get; } = count;
    public string? Text { get; set; }
}

/// <summary>A note, chord, rest or invisible rest, with the ABC text that goes around it.</summary>
internal sealed class NoteItem : VoiceItem
{
    public NoteItem(long duration = 0, string? pitch = null)
    {
        Duration = duration;
        if (pitch is not null)
            Pitches.Add(pitch);
    }

    /// <summary>Sounding length in divisions (0 for grace notes).</summary>
    public long Duration { get; set; }

    /// <summary>MusicXML time modification (actual-notes, normal-notes), or null outside tuplets.</summary>
    public (int Actual, int Normal)? Factor { get; set; }

    /// <summary>Tuplet starts and stops notated on this note, consumed while writing tuplet prefixes.</summary>
    public List<string> TupletMarks { get; set; } = [];

    public string TupletPrefix { get; set; } = "";
    public int Beam { get; set; }
    public bool Grace { get; set; }
    public List<string> Before { get; set; } = [];
    public string After { get; set; } = "";

    /// <summary>ABC notes of the chord (one for a single note), each with its accidental, octave and tie.</summary>
    public List<string> Pitches { get; } = [];

    /// <summary>Note-level decoration written in front of the pitch (<c>!courtesy!</c>).</summary>
    public string NoteDecoration { get; set; } = "";

    public bool IsRest => Pitches.Count > 0 && Pitches[0] is "z" or "x";
}
