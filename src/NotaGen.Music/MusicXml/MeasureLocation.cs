namespace NotaGen.Music.MusicXml;

/// <summary>
/// Where in the score a measure is, for errors and warnings ("part P1, measure 12"). Kept as its parts and written
/// out only when a message needs it: the text made for every measure of every voice was about 4% of a conversion's
/// allocations.
/// </summary>
internal readonly record struct MeasureLocation(string Part, string Measure)
{
    public override string ToString() => $"part {Part}, measure {Measure}";
}
