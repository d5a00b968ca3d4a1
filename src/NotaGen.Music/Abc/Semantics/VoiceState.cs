using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Time;

namespace NotaGen.Music.Abc.Semantics;

/// <summary>Everything the interpreter tracks for one voice while walking a tune.</summary>
internal sealed class VoiceState(string id, VoiceDefinition? definition, KeySignature key, Meter meter, Rational unit)
{
    public string Id { get; } = id;
    public VoiceDefinition? Definition { get; set; } = definition;
    public KeySignature Key { get; set; } = key;
    public Meter Meter { get; set; } = meter;
    public Rational Unit { get; set; } = unit;

    /// <summary>Semitones added to every written pitch (V:/K: transpose=).</summary>
    public int Transpose { get; set; }

    /// <summary>Octaves added to every written pitch (V:/K: octave=).</summary>
    public int OctaveShift { get; set; }

    public int Velocity { get; set; } = Dynamics.Default;

    // Time, in whole notes from the start of the piece.
    public Rational Time { get; set; }
    public Rational BarStart { get; set; }
    public Rational LayerEnd { get; set; } // furthest time reached by an earlier overlay layer (&) of this bar
    public bool BarHasContent { get; set; }

    /// <summary>Notes and rests read into the current bar (for <see cref="ScoreLimits.MaxNotesPerBar"/>).</summary>
    public int BarNotes { get; set; }
    public AbcPosition BarPosition { get; set; }
    public Meter BarMeter { get; set; } = meter;

    public List<AbcBar> Bars { get; } = [];
    public List<NoteBuilder> Notes { get; } = [];
    public List<AbcVoiceMark> Marks { get; } = [];

    public void Mark(AbcElement element, IReadOnlyList<int>? pitches = null, Rational duration = default) =>
        Marks.Add(new AbcVoiceMark(Time, Bars.Count, element, pitches ?? [], duration));

    /// <summary>Accidentals written earlier in the bar, per step and octave (ABC 2.1: they hold to the bar's end).</summary>
    public Dictionary<(char Step, int Octave), int> BarAccidentals { get; } = [];

    /// <summary>
    /// Notes tied to whatever comes next: (sounding pitch, index in <see cref="Notes"/>), in written order. A pitch may
    /// be open twice: each note of a tied unison (<c>[GG]-[GG]</c>) continues into one note of the next chord.
    /// </summary>
    public List<(int Pitch, int NoteIndex)> OpenTies { get; set; } = [];

    /// <summary>Alterations carried by a tie to the next note of the same step and octave (also over the bar line).</summary>
    public Dictionary<(char Step, int Octave), int> TieCarry { get; set; } = [];

    /// <summary>The notes of the last note or chord: what a following '-' ties.</summary>
    public List<(int NoteIndex, int Pitch, (char, int) Key, int Alteration)> LastGroup { get; set; } = [];

    public List<(Rational Factor, int Remaining)> Tuplets { get; } = [];

    /// <summary>Factor a preceding broken rhythm mark gives the next note (1/2 after '>').</summary>
    public Rational? PendingBrokenFactor { get; set; }

    public void ApplyClef(ClefProperties clef)
    {
        if (clef.Transpose is { } transpose)
            Transpose = transpose;
        if (clef.Octave is { } octave)
            OctaveShift = octave;
    }

    public void MarkContent(AbcPosition position)
    {
        if (BarHasContent)
            return;
        BarHasContent = true;
        BarPosition = position;
        BarMeter = Meter;
    }

    /// <summary>Closes the bar if it holds anything; bar lines around an empty stretch make no bar.</summary>
    public void EndBar(string? barline)
    {
        BarAccidentals.Clear();
        BarNotes = 0;
        if (!BarHasContent)
            return;
        var end = Rational.Max(Time, LayerEnd);
        Bars.Add(new AbcBar(Bars.Count, BarStart, end - BarStart, BarMeter, BarPosition, barline));
        BarStart = end;
        Time = end;
        LayerEnd = end;
        BarHasContent = false;
    }
}

/// <summary>A sounding note while it may still grow through ties.</summary>
internal sealed class NoteBuilder(int bar, Rational onset, Rational duration, int pitch, int velocity, AbcPosition position)
{
    public int Bar { get; } = bar;
    public Rational Onset { get; } = onset;
    public Rational Duration { get; set; } = duration;
    public int Pitch { get; } = pitch;
    public int Velocity { get; } = velocity;
    public AbcPosition Position { get; } = position;

    public AbcSoundingNote Build() => new(Bar, Onset, Duration, Pitch, Velocity, Position);
}
