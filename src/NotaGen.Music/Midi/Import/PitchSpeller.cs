using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Syntax;

namespace NotaGen.Music.Midi.Import;

/// <summary>
/// Spells MIDI keys as ABC pitches in a key: notes of the scale as the signature has them, other notes with a sharp
/// in sharp keys and a flat in flat keys (in C: C# Eb F# G# Bb). Accidentals are written only where the bar so far
/// (per step and octave, as ABC 2.1 reads them) does not already give the pitch.
/// </summary>
internal sealed class PitchSpeller
{
    private static readonly char[] Steps = ['C', 'D', 'E', 'F', 'G', 'A', 'B'];
    private static readonly int[] NaturalPitchClasses = [0, 2, 4, 5, 7, 9, 11];

    // Chromatic notes in C major, by pitch class: the spellings most scores use.
    private static readonly Dictionary<int, (char Step, int Alter)> NeutralChromatic = new()
    {
        [1] = ('C', 1),
        [3] = ('E', -1),
        [6] = ('F', 1),
        [8] = ('G', 1),
        [10] = ('B', -1),
    };

    private readonly (char Step, int Alter)[] spelling = new (char, int)[12];
    private readonly KeySignature key;
    private readonly Dictionary<(char Step, int Octave), int> barAccidentals = [];

    public PitchSpeller(ImportedKey imported)
    {
        key = KeySignature.Parse(imported.AbcName, out _);
        for (var pc = 0; pc < 12; pc++)
            spelling[pc] = Spell(pc, imported.Fifths);
    }

    private (char Step, int Alter) Spell(int pitchClass, int fifths)
    {
        // A step of the scale that sounds this pitch class.
        foreach (var step in Steps)
        {
            var alter = key.AlterationOf(step);
            if (((AbcPitch.StepSemitoneOf(step) + alter) % 12 + 12) % 12 == pitchClass)
                return (step, alter);
        }
        if (fifths == 0)
            return NeutralChromatic[pitchClass];
        // Raise the step below (sharp keys) or lower the step above (flat keys), relative to the signature.
        var direction = fifths > 0 ? 1 : -1;
        foreach (var step in Steps)
        {
            var alter = key.AlterationOf(step) + direction;
            if (Math.Abs(alter) <= 2 && ((AbcPitch.StepSemitoneOf(step) + alter) % 12 + 12) % 12 == pitchClass)
                return (step, alter);
        }
        var natural = Array.IndexOf(NaturalPitchClasses, pitchClass);
        return natural >= 0 ? (Steps[natural], 0) : NeutralChromatic[pitchClass];
    }

    /// <summary>Starts a new bar: accidentals written so far no longer hold.</summary>
    public void NewBar() => barAccidentals.Clear();

    /// <summary>The pitch to write for <paramref name="midiKey"/>, with an accidental only where the bar needs one.</summary>
    public AbcPitch Write(int midiKey)
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
        return new AbcPitch(accidental, step, octave);
    }
}
