using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Syntax;

namespace NotaGen.Music.Abc.Writing;

/// <summary>
/// Spells MIDI keys as ABC pitches in a key: notes of the scale as the signature has them, chromatic notes as tonal
/// music usually spells them (in C major C# Eb F# G# Bb; in A minor Bb C# D# F# G#). Accidentals are written only where the bar so far
/// (per step and octave, as ABC 2.1 reads them) does not already give the pitch.
/// </summary>
internal sealed class PitchSpeller
{
    private static readonly string Letters = "CDEFGAB";
    private static readonly string[] MajorKeys = ["Cb", "Gb", "Db", "Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E", "B", "F#", "C#"];
    private static readonly string[] MinorKeys = ["Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E", "B", "F#", "C#", "G#", "D#", "A#"];

    // Chromatic notes by semitones above the tonic: (scale degree, 0-based; alteration against the signature).
    // Major: #1 b3 #4 #5 b7 (C# Eb F# G# Bb in C). Minor: b2 #3 #4 #6 #7 (Bb C# D# F# G# in A minor).
    private static readonly Dictionary<int, (int Degree, int Shift)> MajorChromatic = new()
    {
        [1] = (0, 1),
        [3] = (2, -1),
        [6] = (3, 1),
        [8] = (4, 1),
        [10] = (6, -1),
    };

    private static readonly Dictionary<int, (int Degree, int Shift)> MinorChromatic = new()
    {
        [1] = (1, -1),
        [4] = (2, 1),
        [6] = (3, 1),
        [9] = (5, 1),
        [11] = (6, 1),
    };

    private readonly (char Step, int Alter)[] spelling = new (char, int)[12];
    private readonly KeySignature key;
    private readonly Dictionary<(char Step, int Octave), int> barAccidentals = [];

    /// <param name="fifths">The key signature: sharps (positive) or flats (negative), -7..7.</param>
    /// <param name="minor">Whether the key is minor: its raised sixth and seventh are spelled as sharps of the scale steps.</param>
    public PitchSpeller(int fifths, bool minor = false)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Abs(fifths), 7, nameof(fifths));
        key = KeySignature.Parse(MajorKeys[fifths + 7], out _);
        var tonic = (minor ? MinorKeys : MajorKeys)[fifths + 7][0];
        for (var pc = 0; pc < 12; pc++)
            spelling[pc] = SpellPitchClass(pc, tonic, minor);
    }

    private int PitchClassOf(char step, int alter) => ((AbcPitch.StepSemitoneOf(step) + alter) % 12 + 12) % 12;

    private (char Step, int Alter) SpellPitchClass(int pitchClass, char tonic, bool minor)
    {
        // A step of the scale that sounds this pitch class, as the signature has it.
        foreach (var step in Letters)
        {
            if (PitchClassOf(step, key.AlterationOf(step)) == pitchClass)
                return (step, key.AlterationOf(step));
        }
        var tonicIndex = Letters.IndexOf(tonic, StringComparison.Ordinal);
        var tonicPitchClass = PitchClassOf(tonic, key.AlterationOf(tonic));
        var above = ((pitchClass - tonicPitchClass) % 12 + 12) % 12;
        if ((minor ? MinorChromatic : MajorChromatic).TryGetValue(above, out var degree))
        {
            var step = Letters[(tonicIndex + degree.Degree) % 7];
            var alter = key.AlterationOf(step) + degree.Shift;
            if (Math.Abs(alter) <= 2 && PitchClassOf(step, alter) == pitchClass)
                return (step, alter);
        }
        // Otherwise the natural step, or the step below raised.
        foreach (var step in Letters)
        {
            if (PitchClassOf(step, 0) == pitchClass)
                return (step, 0);
        }
        foreach (var step in Letters)
        {
            if (PitchClassOf(step, 1) == pitchClass)
                return (step, 1);
        }
        throw new InvalidOperationException($"no spelling for pitch class {pitchClass}");
    }

    /// <summary>Starts a new bar: accidentals written so far no longer hold.</summary>
    public void NewBar() => barAccidentals.Clear();

    /// <summary>The pitch to write for <paramref name="midiKey"/>, with an accidental only where the bar needs one.</summary>
    public AbcPitch Write(int midiKey) => Spell(midiKey).Written;

    /// <summary>
    /// The spelling of <paramref name="midiKey"/>: the pitch as written (accidental only where the bar needs one)
    /// and its alteration in semitones from the natural step (what MusicXML's <c>alter</c> holds).
    /// </summary>
    public (AbcPitch Written, int Alter) Spell(int midiKey)
    {
        var (step, alter) = spelling[((midiKey % 12) + 12) % 12];
        var octave = (int)Math.Floor((midiKey - alter - AbcPitch.StepSemitoneOf(step) - 60) / 12.0);
        var current = barAccidentals.TryGetValue((step, octave), out var written) ? written : key.AlterationOf(step);
        var accidental = AbcAccidental.None;
        if (current != alter)
        {
            accidental = AbcAccidental.FromSemitones(alter);
            barAccidentals[(step, octave)] = alter;
        }
        return (new AbcPitch(accidental, step, octave), alter);
    }
}
