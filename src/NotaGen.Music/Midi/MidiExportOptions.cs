namespace NotaGen.Music.Midi;

/// <summary>How <see cref="MidiExporter"/> writes a piece.</summary>
/// <param name="TicksPerQuarter">
/// A fixed resolution (e.g. 480 to compare with abc2midi), or null to use 480 raised to the least multiple that
/// places every onset and duration exactly (septuplets need 3360). Either way no time is ever rounded: a piece that
/// the resolution cannot represent is refused with <see cref="MidiExportException"/>.
/// </param>
public sealed record MidiExportOptions(int? TicksPerQuarter = null)
{
    public const int DefaultTicksPerQuarter = 480;
    public static readonly MidiExportOptions Default = new();
}
