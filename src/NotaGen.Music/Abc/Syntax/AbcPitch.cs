namespace NotaGen.Music.Abc.Syntax;

/// <summary>The accidental written before a note.</summary>
public enum AbcAccidentalKind
{
    None,
    Natural,
    Sharp,
    DoubleSharp,
    Flat,
    DoubleFlat,

    /// <summary>A microtonal accidental such as <c>^/</c> or <c>_3/2</c>; kept as text, never rounded silently.</summary>
    Microtonal,
}

/// <summary>An accidental; <see cref="Text"/> is the written form for microtonal ones (e.g. "^3/2").</summary>
public readonly record struct AbcAccidental(AbcAccidentalKind Kind, string? Text = null)
{
    public static readonly AbcAccidental None = new(AbcAccidentalKind.None);

    /// <summary>Semitones above the natural pitch (-2..2); null for none or microtonal.</summary>
    public int? Semitones => Kind switch
    {
        AbcAccidentalKind.Natural => 0,
        AbcAccidentalKind.Sharp => 1,
        AbcAccidentalKind.DoubleSharp => 2,
        AbcAccidentalKind.Flat => -1,
        AbcAccidentalKind.DoubleFlat => -2,
        _ => null,
    };

    public static AbcAccidental FromSemitones(int semitones) => semitones switch
    {
        0 => new(AbcAccidentalKind.Natural),
        1 => new(AbcAccidentalKind.Sharp),
        2 => new(AbcAccidentalKind.DoubleSharp),
        -1 => new(AbcAccidentalKind.Flat),
        -2 => new(AbcAccidentalKind.DoubleFlat),
        _ => throw new ArgumentOutOfRangeException(nameof(semitones), semitones, "ABC accidentals span -2..2 semitones."),
    };

    public override string ToString() => Kind switch
    {
        AbcAccidentalKind.Natural => "=",
        AbcAccidentalKind.Sharp => "^",
        AbcAccidentalKind.DoubleSharp => "^^",
        AbcAccidentalKind.Flat => "_",
        AbcAccidentalKind.DoubleFlat => "__",
        AbcAccidentalKind.Microtonal => Text ?? "",
        _ => "",
    };
}

/// <summary>
/// A written pitch: accidental, step letter (upper case A-G) and ABC octave, where 0 is the octave written
/// <c>C D E F G A B</c> (middle C = <c>C</c>), 1 is <c>c d e ...</c>, each <c>'</c> adds one and each <c>,</c> takes one.
/// </summary>
public readonly record struct AbcPitch(AbcAccidental Accidental, char Step, int Octave)
{
    /// <summary>Semitone of the step within the octave, C = 0.</summary>
    public int StepSemitone => StepSemitoneOf(Step);

    /// <summary>Diatonic index of the step, C = 0 ... B = 6.</summary>
    public int StepIndex => "CDEFGAB".IndexOf(Step, StringComparison.Ordinal);

    /// <summary>MIDI key of the natural step in this octave (middle C = 60), ignoring any accidental.</summary>
    public int NaturalMidi => 60 + 12 * Octave + StepSemitone;

    public static int StepSemitoneOf(char step) => step switch
    {
        'C' => 0,
        'D' => 2,
        'E' => 4,
        'F' => 5,
        'G' => 7,
        'A' => 9,
        'B' => 11,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "A step is one of C D E F G A B."),
    };

    /// <summary>Canonical ABC spelling: accidental, letter, octave marks.</summary>
    public override string ToString()
    {
        var letter = Octave >= 1 ? char.ToLowerInvariant(Step) : Step;
        var marks = Octave >= 1 ? new string('\'', Octave - 1) : new string(',', -Octave);
        return Accidental + letter.ToString() + marks;
    }
}
