namespace NotaGen.Music.MusicXml;

/// <summary>Warnings about questionable input that the converter repaired (overlaps, accidentals it had to add).</summary>
public sealed class ConversionLog
{
    private const int MaxKept = 200;
    private readonly List<string> warnings = [];

    public IReadOnlyList<string> Warnings => warnings;

    internal void Warn(string message)
    {
        if (warnings.Count < MaxKept)
            warnings.Add(message);
    }
}
