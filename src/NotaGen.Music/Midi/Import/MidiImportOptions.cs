using NotaGen.Music.Time;

namespace NotaGen.Music.Midi.Import;

/// <summary>How <see cref="MidiToAbc"/> reads a performance into notation.</summary>
/// <param name="Grid">
/// The straight quantisation step in whole notes (1/16: sixteenth notes). Onsets and note ends snap to it, or to a
/// finer step chosen from the data (<see cref="RefineGrid"/>).
/// </param>
/// <param name="DetectTriplets">
/// Whether a beat may snap to the triplet grid instead, where that grid fits its onsets and ends markedly better:
/// two thirds of <see cref="Grid"/>, so sixteenth-note triplets (1/24) for the default, which hold eighth-note
/// triplets (1/12) and quarter-note triplets as well.
/// </param>
/// <param name="UnitDenominator">The ABC unit note length <c>L:1/N</c> of the output.</param>
public sealed record MidiImportOptions(Rational Grid, bool DetectTriplets = true, int UnitDenominator = 8)
{
    public static readonly MidiImportOptions Default = new(new Rational(1, 16));

    /// <summary>The triplet step that may replace <see cref="Grid"/> within a beat.</summary>
    public Rational TripletGrid => Grid * new Rational(2, 3);

    /// <summary>
    /// A beat snaps to triplets only when the triplet grid's total snapping error is below this share of the
    /// straight grid's: straight time wins anything close, since most music is not in triplets.
    /// </summary>
    public double TripletPreference { get; init; } = 0.5;

    /// <summary>
    /// Whether <see cref="Grid"/> may be halved (once or twice) for a file whose onsets sit exactly on the finer grid
    /// and not on this one: score MIDIs with 32nd or 64th notes (<see cref="GridRefiner"/>). Performances keep <see cref="Grid"/>.
    /// </summary>
    public bool RefineGrid { get; init; } = true;

    internal void Validate()
    {
        if (!Grid.IsPositive || Grid > new Rational(1, 4))
            throw new ArgumentException($"The quantisation grid must be a positive step of at most a quarter note, not {Grid}.");
        if (UnitDenominator < 1 || !int.IsPow2(UnitDenominator) || UnitDenominator > 512)
            throw new ArgumentException($"L:1/{UnitDenominator}: the unit denominator must be a power of two up to 512.");
    }
}
