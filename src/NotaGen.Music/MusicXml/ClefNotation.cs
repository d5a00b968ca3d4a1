using System.Xml.Linq;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// An ABC clef name (<c>treble</c>, <c>bass</c>, <c>alto</c>, <c>tenor</c>, <c>C1</c>, <c>F3</c>, <c>treble-8</c>, <c>bass+8</c>,
/// <c>perc</c>, ...) as a MusicXML clef. Under an octave clef the MusicXML pitch is the ABC pitch moved by the clef's
/// octave (see <see cref="OctaveOf"/>), the convention of xml2abc, which wrote NotaGen's data.
/// </summary>
internal static class ClefNotation
{
    /// <summary>
    /// Octaves the clef shows notes above (+1) or below (-1) where they sound: xml2abc writes the notes of a
    /// <c>treble-8</c> staff where they are shown, an octave above the MusicXML pitch, and the ABC engine hears them as written.
    /// </summary>
    public static int OctaveOf(string? name) => name is null ? 0 : Parse(name).Octave;

    public static XElement Element(string? name, int staff = 0)
    {
        var (sign, line, octave) = Parse(name ?? "treble");
        var clef = new XElement("clef");
        if (staff > 0)
            clef.Add(new XAttribute("number", staff));
        clef.Add(new XElement("sign", sign));
        if (line > 0)
            clef.Add(new XElement("line", line));
        if (octave != 0)
            clef.Add(new XElement("clef-octave-change", octave));
        return clef;
    }

    private static (string Sign, int Line, int Octave) Parse(string name)
    {
        var octave = 0;
        foreach (var (suffix, shift) in new[] { ("+15", 2), ("-15", -2), ("^8", 1), ("_8", -1), ("+8", 1), ("-8", -1) })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                octave = shift;
                name = name[..^suffix.Length];
                break;
            }
        }
        int? line = null;
        if (name.Length > 1 && char.IsAsciiDigit(name[^1]))
        {
            line = name[^1] - '0';
            name = name[..^1];
        }
        var (sign, defaultLine) = name switch
        {
            "bass" or "F" => ("F", 4),
            "baritone" => ("F", 3),
            "alto" or "C" => ("C", 3),
            "tenor" => ("C", 4),
            "soprano" => ("C", 1),
            "mezzosoprano" or "mezzo" => ("C", 2),
            "perc" => ("percussion", 0),
            "none" => ("none", 0),
            _ => ("G", 2),
        };
        var finalLine = sign is "percussion" or "none" ? 0 : Math.Clamp(line ?? defaultLine, 1, 5);
        return (sign, finalLine, octave);
    }
}
